package dev.tenshot.agent.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tenshot.agent.contention.ContentionDetector;
import dev.tenshot.agent.contention.ContentionSettings;
import dev.tenshot.agent.contention.FakeMachine;
import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.runner.Runner;
import dev.tenshot.agent.runner.RunnerContract;
import dev.tenshot.space.Statistic;
import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OnnxRunnerTest extends RunnerContract {

    private static final WorkloadScale TINY = new WorkloadScale(64, 256, 4);
    /** Re-measures a contended attempt once, but never waits: tests must not take minutes on a busy machine. */
    private static final OnnxSettings SETTINGS = OnnxSettings.defaults()
            .withScale(TINY)
            .withCalls(1, 3)
            .withContention(ContentionSettings.defaults().withMaxAttempts(2).withMaxWait(Duration.ZERO, null));

    @Override
    protected Runner createRunner() {
        return OnnxRunner.create(SETTINGS);
    }

    @Test
    void describesThisMachinesCpuWithItsScale() {
        var device = runner.device();

        assertThat(device.kind()).isEqualTo("cpu");
        assertThat(device.runtime()).isEqualTo("onnxruntime-cpu");
        assertThat(device.precision()).isEqualTo("fp32");
        assertThat(device.simulated()).isFalse();
        assertThat(device.name()).contains("onnx").contains("hidden 64").contains("tokens/256");
        assertThat(device.attributes().get("onnxScale")).isEqualTo(TINY.toJson());
        assertThat(device.attributes().get("cores").asInt()).isPositive();
    }

    @Test
    void recordsTheScaleAndTheModelledCallsWithEveryMeasurement() {
        var measured = measure(task(1, 1, MlpWidth.FULL));

        assertThat(measured.runnerSettings().get("onnxScale")).isEqualTo(TINY.toJson());
        assertThat(measured.runnerSettings().get("stages").asString()).isEqualTo("full pipeline");
        assertThat(measured.runtimeVersion()).startsWith("onnxruntime 1.");
        assertThat(measured.statistic()).isEqualTo(Statistic.MEDIAN);
        assertThat(measured.repeatCount()).isEqualTo(3);
        assertThat(measured.warmupCount()).isEqualTo(1);
        assertThat(measured.latency().denoiserCallsMs())
                .as("10 steps x 2 guidance calls x 3 stages")
                .hasSize(60);
    }

    @Test
    void addsEveryStageUpToTheEndToEndLatency() {
        var measured = measure(task(7, 2, MlpWidth.HALF));
        var latency = measured.latency();
        var pipeline = measured.runnerSettings().get("pipeline");

        double denoiserMs = latency.denoiserCallsMs().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        double pipelineMs = 0;
        var stages = new java.util.ArrayList<String>();
        for (var entry : pipeline) {
            pipelineMs += entry.get("ms").asDouble();
            stages.add(
                    entry.get("stage").asString() + "/" + entry.get("network").asString());
        }
        assertThat(stages)
                .containsExactly(
                        "textEncoder/clipL",
                        "textEncoder/clipG",
                        "textEncoder/dt5",
                        "firstFrameGenerator/ssd1bUnet",
                        "firstFrameGenerator/vaeEncoder",
                        "vaeDecoder/videoDecoder",
                        "superResolution/quickSrNet",
                        "denoiser0/mmdit",
                        "denoiser1/mmdit",
                        "denoiser2/mmdit");
        assertThat(latency.textEncoderMs()).isPositive();
        assertThat(latency.vaeDecoderMs()).isPositive();
        assertThat(latency.superResolutionMs()).isPositive();
        assertThat(latency.endToEndMs())
                .as("end to end is the sum of the stages")
                .isCloseTo(pipelineMs, within(1e-6))
                .isGreaterThan(denoiserMs + latency.textEncoderMs() + latency.vaeDecoderMs());
        assertThat(pipeline.get(3).get("runs").asInt())
                .as("4 LCM steps of the UNet")
                .isEqualTo(4);
        assertThat(pipeline.get(5).get("shape").asString()).isEqualTo("estimated");
        assertThat(pipeline.get(0).get("shape").asString()).isEqualTo("published");
    }

    @Test
    void reportsThePeakResidentMemoryWhereProcShowsIt() {
        var measured = measure(task(8, 1, MlpWidth.FULL));

        if (PeakMemory.ofThisProcess().reset()) {
            assertThat(measured.peakMemoryBytes())
                    .as("the JVM alone holds more than 16 MB")
                    .isNotNull()
                    .isGreaterThan(16L << 20);
            for (var entry : measured.runnerSettings().get("pipeline")) {
                long peak = entry.get("peakRssBytes").asLong();
                assertThat(entry.get("rssGrowthBytes").asLong())
                        .as("%s's growth over the RSS it started from", entry.get("network"))
                        .isBetween(0L, peak);
            }
        } else {
            assertThat(measured.peakMemoryBytes()).isNull();
        }
    }

    @Test
    void measuresTheFixedStagesOnceAndAgainAfterTheRefresh() {
        var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        var settings = SETTINGS.withFixedStageRefresh(Duration.ofHours(6));
        var detector = ContentionDetector.onThisMachine(settings.contention());

        String first;
        String second;
        String third;
        String secondSource;
        try (var timed = OnnxRunner.create(settings, detector, clock)) {
            first = fixedMeasuredAt(timed.run(task(9, 1, MlpWidth.FULL)));
            clock.advance(Duration.ofHours(1));
            var reused = (RunOutcome.Measured) timed.run(task(10, 2, MlpWidth.FULL));
            second = fixedMeasuredAt(reused);
            secondSource =
                    reused.runnerSettings().get("pipeline").get(0).get("source").asString();
            clock.advance(Duration.ofHours(6));
            third = fixedMeasuredAt(timed.run(task(11, 1, MlpWidth.FULL)));
        }

        assertThat(first).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(second).isEqualTo(first);
        assertThat(secondSource).contains("reused");
        assertThat(third).isEqualTo("2026-01-01T07:00:00Z");
    }

    private static String fixedMeasuredAt(RunOutcome outcome) {
        assertThat(outcome).isInstanceOf(RunOutcome.Measured.class);
        return ((RunOutcome.Measured) outcome)
                .runnerSettings()
                .get("fixedStagesMeasuredAt")
                .asString();
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void takesLongerWithMoreKeptBlocks() {
        double oneBlockMs = measure(task(2, 1, MlpWidth.FULL)).latency().endToEndMs();
        double allBlocksMs = measure(task(3, 24, MlpWidth.FULL)).latency().endToEndMs();

        assertThat(allBlocksMs).as("24 blocks vs 1 block").isGreaterThan(3 * oneBlockMs);
    }

    @Test
    void recordsTheContentionOfARealMeasurementOnThisCpu() {
        var contention = measure(task(5, 6, MlpWidth.FULL)).contention();

        assertThat(contention).isNotNull();
        assertThat(contention.checked())
                .as("checked exactly where /proc is readable")
                .isEqualTo(Files.isReadable(Path.of("/proc/stat")));
        if (contention.checked()) {
            assertThat(contention.otherCpuShare()).isBetween(0.0, 1.0);
            assertThat(contention.contended()).isNotNull();
        } else {
            assertThat(contention.contended()).isNotEqualTo(false);
        }
        assertThat(contention.attempts()).isBetween(1, 2);
        assertThat(contention.relativeIqr()).isNotNegative();
        assertThat(contention.maxMinRatio()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void reportsAMeasurementFlaggedContendedWhenOthersHeldTheCpuThroughEveryAttempt() {
        var machine = new FakeMachine().othersUse(0.5).passingOnRead(Duration.ofMillis(200));
        var contention = SETTINGS.contention().withMaxAttempts(3).withMaxWait(Duration.ofSeconds(10), null);
        var settings = SETTINGS.withContention(contention);

        RunOutcome outcome;
        try (var busy = OnnxRunner.create(settings, new ContentionDetector(machine, contention, machine))) {
            outcome = busy.run(task(6, 2, MlpWidth.FULL));
            assertThat(busy.waitedForQuiet())
                    .as("the first task measures the fixed stages, then the denoiser, each waiting up to 10 s")
                    .isBetween(Duration.ofSeconds(20), Duration.ofSeconds(22));
        }

        assertThat(outcome).isInstanceOf(RunOutcome.Measured.class);
        var reported = ((RunOutcome.Measured) outcome).contention();
        assertThat(reported).isNotNull();
        assertThat(reported.contended()).isTrue();
        assertThat(reported.attempts()).isEqualTo(3);
        assertThat(reported.otherCpuShare()).isCloseTo(0.5, within(0.05));
        assertThat(machine.slept()).as("fake time, not real").isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void failsAnInvalidConfigWithTheSpacesProblems() {
        var task = new MeasurementTask(4, MmditPruningSpace.NAME, JSON.readTree("{\"keep\": [true]}"));

        var outcome = runner.run(task);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        RunOutcome.Failed.class,
                        failed -> assertThat(failed.reason()).contains("keep").contains("mlpWidth is required"));
    }

    @Test
    void refusesAnExecutionProviderThisRuntimeLacks() {
        var settings = OnnxSettings.defaults().withExecutionProvider(ExecutionProvider.QNN);

        assertThatThrownBy(() -> OnnxRunner.create(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("qnn");
    }

    private RunOutcome.Measured measure(MeasurementTask task) {
        var outcome = runner.run(task);
        assertThat(outcome).isInstanceOf(RunOutcome.Measured.class);
        return (RunOutcome.Measured) outcome;
    }

    private static MeasurementTask task(long taskId, int keptBlocks, MlpWidth width) {
        return new MeasurementTask(
                taskId,
                MmditPruningSpace.NAME,
                DenoiserGraphTest.keepingLast(keptBlocks, width).toJson());
    }
}

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
import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        assertThat(measured.runnerSettings().get("stages").asString()).isEqualTo("denoiser only");
        assertThat(measured.runtimeVersion()).startsWith("onnxruntime 1.");
        assertThat(measured.statistic()).isEqualTo("median");
        assertThat(measured.repeatCount()).isEqualTo(3);
        assertThat(measured.warmupCount()).isEqualTo(1);
        assertThat(measured.peakMemoryBytes()).isNull();
        assertThat(measured.latency().denoiserCallsMs())
                .as("10 steps x 2 guidance calls x 3 stages")
                .hasSize(60);
        assertThat(measured.latency().denoiserCallsMs().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isCloseTo(measured.latency().endToEndMs(), within(1e-6));
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
            assertThat(busy.waitedForQuiet()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11));
        }

        assertThat(outcome).isInstanceOf(RunOutcome.Measured.class);
        var reported = ((RunOutcome.Measured) outcome).contention();
        assertThat(reported).isNotNull();
        assertThat(reported.contended()).isTrue();
        assertThat(reported.attempts()).isEqualTo(3);
        assertThat(reported.otherCpuShare()).isCloseTo(0.5, within(0.05));
        assertThat(machine.slept()).as("fake time, not real").isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10));
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

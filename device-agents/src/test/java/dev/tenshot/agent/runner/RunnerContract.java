package dev.tenshot.agent.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.space.mmdit.MmditPruningSpace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What every runner promises; each runner's test extends this and says how to make one. */
public abstract class RunnerContract {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected Runner runner;

    /** A runner ready to measure MMDiT configs quickly (small scale, fake tool, fast simulated device...). */
    protected abstract Runner createRunner() throws Exception;

    @BeforeEach
    void create() throws Exception {
        runner = createRunner();
    }

    @AfterEach
    void close() {
        runner.close();
    }

    /** A task for the cheapest reference config of the MMDiT space. */
    protected static MeasurementTask mmditTask(long taskId, int referencePosition) {
        var space = MmditPruningSpace.neodragon();
        return new MeasurementTask(
                taskId,
                space.name(),
                space.referenceConfigs().get(referencePosition).toJson());
    }

    @Test
    void describesItsDevice() {
        DeviceProfile device = runner.device();

        assertThat(device.name()).isNotBlank();
        assertThat(device.kind()).isIn("npu", "gpu", "cpu");
        assertThat(device.chipset()).isNotBlank();
        assertThat(device.runtime()).isNotBlank();
        assertThat(device.precision()).isNotBlank();
        assertThat(device.attributes().isObject()).isTrue();
    }

    @Test
    void measuresAnMmditConfigWithItsProvenance() {
        RunOutcome outcome = runner.run(mmditTask(1, 0));

        assertThat(outcome).isInstanceOf(RunOutcome.Measured.class);
        var measured = (RunOutcome.Measured) outcome;
        assertThat(measured.latency().endToEndMs()).isPositive().isFinite();
        assertThat(measured.repeatCount()).isPositive();
        assertThat(measured.warmupCount()).isNotNegative();
        assertThat(measured.statistic()).isNotNull();
        assertThat(measured.runtimeVersion()).isNotBlank();
        assertThat(measured.runnerSettings().isObject()).isTrue();
    }

    @Test
    void failsATaskOfAnUnknownSpaceWithoutThrowing() {
        var task = new MeasurementTask(2, "no-such-space", JSON.readTree("{}"));

        RunOutcome outcome = runner.run(task);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        RunOutcome.Failed.class,
                        failed -> assertThat(failed.reason()).contains("no-such-space"));
    }
}

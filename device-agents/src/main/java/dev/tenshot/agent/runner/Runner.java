package dev.tenshot.agent.runner;

/**
 * Executes measurement tasks on one device. A runner describes the device it measures (so the agent can register
 * it) and measures one config at a time; the agent does the leasing, reporting and retrying. Implementations are
 * used from one thread.
 */
public interface Runner extends AutoCloseable {

    /** {@code onnx}, {@code command} or {@code sim}. */
    String name();

    /** The device this runner measures, as the agent registers it. */
    DeviceProfile device();

    /**
     * Measures one config. Never throws for a config it cannot run or a tool that fails: that is a {@link
     * RunOutcome.Failed} with a reason a person can act on.
     */
    RunOutcome run(MeasurementTask task);

    @Override
    default void close() {}
}

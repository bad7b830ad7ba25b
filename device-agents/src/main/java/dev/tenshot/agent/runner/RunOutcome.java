package dev.tenshot.agent.runner;

import dev.tenshot.agent.contention.Contention;
import dev.tenshot.space.Statistic;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** What running one task gave. */
public sealed interface RunOutcome {

    /**
     * A measurement with its provenance.
     *
     * @param statistic {@code median}, {@code mean} or {@code min} over the timed repeats
     * @param dispersionMs spread of the timed repeats (interquartile range for a median)
     * @param runtimeVersion e.g. {@code onnxruntime 1.29.0}, {@code qnn 2.31}, {@code sim 1}
     * @param runnerSettings what the runner did that a reader needs to compare measurements (workload scale,
     *     execution provider, simulated device id, command template), as a JSON object
     * @param contention whether other processes shared the machine meanwhile; null when the runner cannot tell
     */
    record Measured(
            StageLatencies latency,
            @Nullable Long peakMemoryBytes,
            int warmupCount,
            int repeatCount,
            Statistic statistic,
            @Nullable Double dispersionMs,
            String runtimeVersion,
            @Nullable Integer threads,
            String precision,
            JsonNode runnerSettings,
            @Nullable Contention contention)
            implements RunOutcome {

        /** The same measurement with another peak memory (null: not reported). */
        public Measured withPeakMemoryBytes(@Nullable Long bytes) {
            return new Measured(
                    latency,
                    bytes,
                    warmupCount,
                    repeatCount,
                    statistic,
                    dispersionMs,
                    runtimeVersion,
                    threads,
                    precision,
                    runnerSettings,
                    contention);
        }

        /** The same measurement with another contention verdict. */
        public Measured withContention(@Nullable Contention verdict) {
            return new Measured(
                    latency,
                    peakMemoryBytes,
                    warmupCount,
                    repeatCount,
                    statistic,
                    dispersionMs,
                    runtimeVersion,
                    threads,
                    precision,
                    runnerSettings,
                    verdict);
        }
    }

    /** The task could not be measured; {@code reason} says why (e.g. the tail of a tool's stderr). */
    record Failed(String reason) implements RunOutcome {}
}

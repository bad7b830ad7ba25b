package dev.tenshot.agent.command;

import dev.tenshot.agent.runner.StageLatencies;
import dev.tenshot.space.Statistic;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Timings and provenance as a tool reported them. A field the tool does not print is null; the runner fills it
 * from the settings.
 *
 * @param repeatCount timed repeats the statistic is over, when the tool says
 * @param warmupCount untimed warm-up runs, when the tool says
 * @param statistic {@code median}, {@code mean} or {@code min}
 * @param dispersionMs interquartile range of the timed repeats, when the tool gives enough to compute it
 * @param runtimeVersion e.g. {@code qnn 2.31.0.250130}, {@code tensorrt 10.3.0}
 * @param reported other summary figures the tool printed (min, max, percentiles, throughput...), by name with
 *     their unit in the name, kept for provenance
 */
record ToolReport(
        StageLatencies latency,
        @Nullable Integer repeatCount,
        @Nullable Integer warmupCount,
        Statistic statistic,
        @Nullable Double dispersionMs,
        @Nullable String runtimeVersion,
        @Nullable Long peakMemoryBytes,
        @Nullable Integer threads,
        Map<String, Double> reported) {

    ToolReport {
        if (repeatCount != null && repeatCount < 1) {
            throw new IllegalArgumentException("repeatCount must be >= 1: " + repeatCount);
        }
        if (warmupCount != null && warmupCount < 0) {
            throw new IllegalArgumentException("warmupCount must be >= 0: " + warmupCount);
        }
        reported = Map.copyOf(reported);
    }
}

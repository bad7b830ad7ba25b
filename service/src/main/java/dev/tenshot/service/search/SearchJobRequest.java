package dev.tenshot.service.search;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A search to run.
 *
 * @param devices the target devices, each calibrated ({@code ready}) in the same space; the search minimises the
 *     worst predicted latency over them
 * @param objectives {@code latency} and {@code quality}, optionally {@code parameters} (or {@code memory}: the
 *     weights' memory, which is proportional)
 * @param verifyTopK configs of the front to queue for measurement on the device when the job is done (0-20)
 * @param qualityMetric refit the quality proxy to the users' evaluations of this metric (e.g. {@code vbench});
 *     absent: the illustrative proxy
 */
record SearchJobRequest(
        @NotEmpty @Size(max = 8) List<@NotNull UUID> devices,
        @NotEmpty List<@NotNull String> objectives,
        @Nullable @Valid Constraints constraints,
        @Nullable @Valid Budget budget,
        @Nullable Long seed,
        @Nullable @Min(0) @Max(20) Integer verifyTopK,
        @Nullable String qualityMetric) {

    /**
     * @param latencyBudgetMs end-to-end latency at most this (predicted)
     * @param minQuality quality proxy at least this (1 = the unpruned model)
     * @param minKeptBlocks at least this many joint blocks kept
     * @param memoryBudgetBytes the denoiser's weights at each device's precision fit in this many bytes
     */
    record Constraints(
            @Nullable @Positive Double latencyBudgetMs,
            @Nullable Double minQuality,
            @Nullable @Min(1) Integer minKeptBlocks,
            @Nullable @Positive Double memoryBudgetBytes) {}

    record Budget(
            @Nullable @Min(4) Integer population,
            @Nullable @Min(1) Integer generations) {}

    long seedOrDefault() {
        return seed == null ? 1 : seed;
    }
}

package dev.tenshot.service.search;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A job's front (the latest round's): each point once per target device, with its predicted latency there.
 *
 * @param devices the job's target devices; the search minimised the worst latency over them
 * @param round the round whose search produced the front (1 for jobs without verification)
 * @param latencyBudgetMs the job's latency budget (null: none)
 * @param confidence the one-sided confidence of the upper bounds the budget was checked against
 * @param interval the level of the predicted intervals
 */
record FrontResponse(
        UUID jobId,
        List<UUID> devices,
        int round,
        @Nullable Double latencyBudgetMs,
        double confidence,
        double interval,
        List<Point> points) {

    FrontResponse {
        devices = List.copyOf(devices);
        points = List.copyOf(points);
    }

    /**
     * @param round the round whose search produced the point
     * @param latencyMs predicted latency on {@code deviceId}
     * @param latencyLowerMs lower end of the predicted latency's 80% interval
     * @param latencyBoundMs the latency the budget was checked against on this device: the median measurement if the
     *     device had measured the config before the round, else the predictor's one-sided upper bound at {@code
     *     confidence} (null for fronts stored before rounds existed)
     * @param feasible whether the point meets the constraints on every target device (worst case); a point measured
     *     over the budget is infeasible
     * @param measuredLatencyMs the median of the device's measurements of this config, once verified
     * @param meetsBudget whether the measurement is within the budget (true without one; null until measured)
     * @param denoiserMs the denoiser's share of {@code latencyMs}: it minus {@code fixedStagesMs} (null without them)
     * @param fixedStagesMs the stages that do not depend on the config (text encoder, decoders, super-resolution,
     *     the rest), as the device measured them; null when its agent times end to end only
     * @param peakMemoryBytes the peak memory a peak memory budget is checked against on this device: the fit to its
     *     measured peaks plus the fit's largest leave-one-out miss; null when it has not measured peak memory
     * @param measuredPeakMemoryBytes the median peak memory of the device's measurements of this config, as {@code
     *     measuredLatencyMs} (null before one, or where the agent does not report peak memory)
     */
    @Schema(name = "FrontPoint")
    record Point(
            int point,
            UUID deviceId,
            int round,
            JsonNode config,
            String configHash,
            int keptBlocks,
            double latencyMs,
            @Nullable Double latencyLowerMs,
            @Nullable Double latencyUpperMs,
            @Nullable Double latencyBoundMs,
            double quality,
            long parameters,
            boolean feasible,
            double violation,
            @Nullable Double measuredLatencyMs,
            @Nullable Boolean meetsBudget,
            @Nullable Double denoiserMs,
            @Nullable Double fixedStagesMs,
            @Nullable Long peakMemoryBytes,
            @Nullable Long measuredPeakMemoryBytes) {}
}

package dev.tenshot.service.search;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A finished job's Pareto front: each point once per target device, with its predicted latency there.
 *
 * @param devices the job's target devices; the search minimised the worst latency over them
 */
record FrontResponse(UUID jobId, List<UUID> devices, double interval, List<Point> points) {

    FrontResponse {
        devices = List.copyOf(devices);
        points = List.copyOf(points);
    }

    /**
     * @param latencyMs predicted latency on {@code deviceId}
     * @param latencyLowerMs lower end of the predicted latency's 80% interval
     * @param feasible whether the point meets the constraints on every target device (worst case)
     * @param measuredLatencyMs the device's latest measurement of this config, once verified
     */
    record Point(
            int point,
            UUID deviceId,
            JsonNode config,
            String configHash,
            int keptBlocks,
            double latencyMs,
            @Nullable Double latencyLowerMs,
            @Nullable Double latencyUpperMs,
            double quality,
            long parameters,
            boolean feasible,
            double violation,
            @Nullable Double measuredLatencyMs) {}
}

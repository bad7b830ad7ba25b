package dev.tenshot.service.search;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A finished job's Pareto front. */
record FrontResponse(UUID jobId, UUID deviceId, double interval, List<Point> points) {

    FrontResponse {
        points = List.copyOf(points);
    }

    /**
     * @param latencyLowerMs lower end of the predicted latency's 80% interval
     * @param measuredLatencyMs the device's latest measurement of this config, once verified
     */
    record Point(
            int point,
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

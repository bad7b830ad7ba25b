package dev.tenshot.search;

import dev.tenshot.space.mmdit.MmditConfig;
import java.util.List;

/**
 * Predicted end-to-end latency of configs, the one thing the search needs from a latency predictor. The search
 * scores a whole generation in one call, so an implementation can batch its model inference.
 */
@FunctionalInterface
public interface LatencyEstimator {

    /**
     * Estimates the latency of each config.
     *
     * @param configs distinct configs, never empty
     * @return one latency in milliseconds per config, in the same order, each finite and {@code >= 0}
     */
    double[] estimateMs(List<MmditConfig> configs);
}

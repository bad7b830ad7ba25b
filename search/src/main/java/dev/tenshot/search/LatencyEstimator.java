package dev.tenshot.search;

import dev.tenshot.space.mmdit.MmditConfig;
import java.util.List;

/**
 * Predicted end-to-end latency of configs, the one thing the search needs from a latency predictor. The search
 * scores a whole generation in one call, so an implementation can batch its model inference.
 *
 * <p>The estimates are the latency objective. The latency budget is checked against {@link #constraintMs}, by default
 * the same numbers; a cautious estimator answers an upper confidence bound there, so that a config the search reports
 * as within budget stays within it when measured.
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

    /**
     * The latencies the latency budget is checked against.
     *
     * @param configs the configs just estimated
     * @param estimatesMs what {@link #estimateMs} answered for them
     * @return one latency in milliseconds per config, in the same order, each finite and {@code >= 0}; by default
     *     {@code estimatesMs} itself
     */
    default double[] constraintMs(List<MmditConfig> configs, double[] estimatesMs) {
        return estimatesMs;
    }
}

package dev.tenshot.predictor;

/**
 * A predicted latency with its interval.
 *
 * @param latencyMs the point prediction, > 0
 * @param lowerMs lower end of the interval (scaled to hold the measured latency 80% of the time)
 * @param upperMs upper end of the interval
 */
public record Prediction(double latencyMs, double lowerMs, double upperMs) {}

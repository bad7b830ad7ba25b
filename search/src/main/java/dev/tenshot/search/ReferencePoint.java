package dev.tenshot.search;

/**
 * The hypervolume reference point: the worst objective values that still count. Candidates that are not strictly
 * better than it in every objective add no hypervolume.
 *
 * @param latencyMs worst latency in milliseconds
 * @param quality worst quality
 * @param denoiserParameters worst parameter count, used only when parameters are an objective
 */
public record ReferencePoint(double latencyMs, double quality, double denoiserParameters) {

    public ReferencePoint {
        if (!Double.isFinite(latencyMs) || !Double.isFinite(quality) || !Double.isFinite(denoiserParameters)) {
            throw new IllegalArgumentException(
                    "reference point must be finite: " + latencyMs + ", " + quality + ", " + denoiserParameters);
        }
    }
}

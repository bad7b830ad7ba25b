package dev.tenshot.agent.runner;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Measured latency of each pipeline stage in milliseconds (the statistic over the timed repeats); only end to end
 * is required. Mirrors the service's {@code latency} object.
 *
 * @param denoiserCallsMs one entry per denoiser call, in order
 */
public record StageLatencies(
        double endToEndMs,
        @Nullable Double textEncoderMs,
        @Nullable List<Double> denoiserCallsMs,
        @Nullable Double vaeDecoderMs,
        @Nullable Double superResolutionMs) {

    public StageLatencies {
        if (!Double.isFinite(endToEndMs) || endToEndMs < 0) {
            throw new IllegalArgumentException("endToEndMs must be finite and >= 0: " + endToEndMs);
        }
        denoiserCallsMs = denoiserCallsMs == null ? null : List.copyOf(denoiserCallsMs);
    }

    public static StageLatencies endToEnd(double endToEndMs) {
        return new StageLatencies(endToEndMs, null, null, null, null);
    }
}

package dev.tenshot.service.measurement;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One stored measurement, as the predictor reads it: the config, its end-to-end latency, the stages the agent timed
 * and the peak memory it saw (null where the agent did not report them).
 */
public record MeasuredConfig(
        long measurementId,
        JsonNode config,
        String configHash,
        double endToEndMs,
        @Nullable Double textEncoderMs,
        @Nullable List<Double> denoiserCallsMs,
        @Nullable Double vaeDecoderMs,
        @Nullable Double superResolutionMs,
        @Nullable Long peakMemoryBytes) {

    /** A measurement of end to end only. */
    public MeasuredConfig(long measurementId, JsonNode config, String configHash, double endToEndMs) {
        this(measurementId, config, configHash, endToEndMs, null, null, null, null, null);
    }

    /** The denoiser's calls summed; null when the agent did not time them one by one. */
    public @Nullable Double denoiserMs() {
        if (denoiserCallsMs == null || denoiserCallsMs.isEmpty()) {
            return null;
        }
        return denoiserCallsMs.stream().mapToDouble(Double::doubleValue).sum();
    }
}

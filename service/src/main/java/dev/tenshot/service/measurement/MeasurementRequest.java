package dev.tenshot.service.measurement;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One measured config, as an agent reports it.
 *
 * @param clientId the agent's id for this measurement; re-posting it stores nothing twice
 * @param space the search space the config belongs to, e.g. {@code mmdit-pruning}
 * @param config the config in the space's JSON form
 * @param peakMemoryBytes peak resident memory during the run
 * @param warmupCount runs discarded before timing
 * @param repeatCount timed runs the statistic summarises
 * @param dispersionMs spread of the timed runs (interquartile range for a median)
 * @param runnerSettings what the runner did (workload scale, execution provider, simulated device), a JSON object
 */
public record MeasurementRequest(
        @NotBlank @Size(max = 128) @Pattern(regexp = "[\\x21-\\x7e]+", message = "must be printable ASCII")
        String clientId,

        @NotBlank String space,
        @NotNull JsonNode config,
        @NotNull @Valid StageLatencies latency,
        @Nullable @PositiveOrZero Long peakMemoryBytes,
        @NotNull @PositiveOrZero Integer warmupCount,
        @NotNull @Positive Integer repeatCount,
        @NotNull Statistic statistic,
        @Nullable @NonNegativeFinite Double dispersionMs,
        @Nullable @Size(max = 200) String runtimeVersion,
        @Nullable @Size(max = 200) String agentVersion,
        @Nullable @Positive Integer threads,
        @Nullable @Size(max = 32) String precision,
        @NotNull Instant measuredAt,
        @Nullable JsonNode runnerSettings) {

    /** The same measurement under another client id. */
    MeasurementRequest withClientId(String newClientId) {
        return new MeasurementRequest(
                newClientId,
                space,
                config,
                latency,
                peakMemoryBytes,
                warmupCount,
                repeatCount,
                statistic,
                dispersionMs,
                runtimeVersion,
                agentVersion,
                threads,
                precision,
                measuredAt,
                runnerSettings);
    }

    /**
     * Latency of each pipeline stage in milliseconds; only end to end is required.
     *
     * @param denoiserCallsMs one entry per denoiser call (steps x CFG passes), in order
     */
    public record StageLatencies(
            @NotNull @NonNegativeFinite Double endToEndMs,
            @Nullable @NonNegativeFinite Double textEncoderMs,
            @Nullable @Size(max = 1000) List<@NotNull @NonNegativeFinite Double> denoiserCallsMs,
            @Nullable @NonNegativeFinite Double vaeDecoderMs,
            @Nullable @NonNegativeFinite Double superResolutionMs) {}
}

package dev.tenshot.service.measurement;

import dev.tenshot.service.api.BoundedJson;
import dev.tenshot.service.api.PlausibleTime;
import dev.tenshot.space.Statistic;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
 * @param contention whether other processes shared the machine meanwhile; null when not known
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
        @NotNull @PlausibleTime Instant measuredAt,
        @Nullable @BoundedJson JsonNode runnerSettings,
        @Nullable @Valid Contention contention) {

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
                runnerSettings,
                contention);
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

    /**
     * Whether other processes shared the machine while the measurement ran. Only {@code checked} is required; a value
     * the agent does not know is null. {@code contended = true} keeps the measurement out of the device's predictor.
     *
     * @param checked whether other processes' CPU time was read during the measurement
     * @param contended true: not trusted (others used the CPU, the timed calls spread widely or the machine drifted);
     *     false: checked and quiet, so only when {@code checked}; null: not known
     * @param otherCpuShare share of all cores' time other processes used meanwhile, in [0, 1]; given exactly when
     *     {@code checked}
     * @param attempts measurements the agent made before keeping this one, at least 1
     * @param driftRatio the agent's drift probe during this measurement over its fastest quiet time, > 0 (above 1:
     *     the machine got slower)
     * @param relativeIqr interquartile range of the timed calls over their median, >= 0
     * @param maxMinRatio slowest timed call over the fastest, >= 1
     */
    public record Contention(
            @NotNull Boolean checked,
            @Nullable Boolean contended,
            @Nullable @NonNegativeFinite @DecimalMax("1") Double otherCpuShare,
            @Nullable @Positive Integer attempts,
            @Nullable @NonNegativeFinite @Positive Double driftRatio,
            @Nullable @NonNegativeFinite Double relativeIqr,
            @Nullable @NonNegativeFinite @DecimalMin("1") Double maxMinRatio) {}
}

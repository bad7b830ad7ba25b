package dev.tenshot.service.search;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A search to run.
 *
 * @param devices the target devices, each calibrated ({@code ready}) in the same space; the search minimises the
 *     worst predicted latency over them
 * @param objectives {@code latency} and {@code quality}, optionally {@code parameters} (or {@code memory}: the
 *     weights' memory, which is proportional)
 * @param verifyTopK configs of each round's front to measure on every device (0-20); with it the job runs rounds of
 *     search, measurement and refit (see {@link RoundSettings})
 * @param qualityMetric refit the quality proxy to the users' evaluations of this metric (e.g. {@code vbench});
 *     absent: the illustrative proxy
 * @param confidence the latency budget is checked against the predictor's one-sided upper bound at this confidence
 *     (0.5-0.999, default {@value RoundSettings#DEFAULT_CONFIDENCE}; 0.5 is the point prediction)
 * @param verifyTolerance a round converges when each of its measurements is within this relative distance of its
 *     prediction, {@code |measured / predicted - 1|} (0-1, default {@value RoundSettings#DEFAULT_TOLERANCE})
 * @param maxRounds most rounds a job with {@code verifyTopK} runs (1-10, default {@value
 *     RoundSettings#DEFAULT_MAX_ROUNDS})
 */
record SearchJobRequest(
        @NotEmpty @Size(max = 8) List<@NotNull UUID> devices,
        @NotEmpty @Size(max = 4) List<@NotNull @Size(max = 32) String> objectives,
        @Nullable @Valid Constraints constraints,
        @Nullable @Valid Budget budget,
        @Nullable Long seed,
        @Nullable @Min(0) @Max(20) Integer verifyTopK,
        @Nullable @Size(max = 64) String qualityMetric,
        @Nullable @DecimalMin("0.5") @DecimalMax("0.999") Double confidence,

        @Nullable @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
        Double verifyTolerance,

        @Nullable @Min(1) @Max(10) Integer maxRounds) {

    /**
     * @param latencyBudgetMs end-to-end latency at most this: its upper bound at {@code confidence} as predicted, or its
     *     median measurement on each device that measured it
     * @param minQuality quality proxy at least this (1 = the unpruned model)
     * @param minKeptBlocks at least this many joint blocks kept
     * @param memoryBudgetBytes the denoiser's weights at each device's precision fit in this many bytes
     * @param peakMemoryBudgetBytes the whole pipeline's peak memory on each device stays within this many bytes: the
     *     peak the device measured, fitted by the denoiser's size, plus the fit's largest leave-one-out miss (needs
     *     measurements that report {@code peakMemoryBytes})
     */
    record Constraints(
            @Nullable @Positive Double latencyBudgetMs,
            @Nullable Double minQuality,
            @Nullable @Min(1) Integer minKeptBlocks,
            @Nullable @Positive Double memoryBudgetBytes,
            @Nullable @Positive Double peakMemoryBudgetBytes) {}

    record Budget(
            @Nullable @Min(4) Integer population,
            @Nullable @Min(1) Integer generations) {}

    long seedOrDefault() {
        return seed == null ? 1 : seed;
    }

    /**
     * How the job's rounds run, with the defaults filled in.
     *
     * @param verifyTopK configs measured per device and round; 0 for a job of one search and no measurement
     * @param latencyBudgetMs {@code +Infinity} without a budget
     * @param maxRounds 1 without verification
     */
    record RoundSettings(
            int verifyTopK, double confidence, double verifyTolerance, int maxRounds, double latencyBudgetMs) {

        static final double DEFAULT_CONFIDENCE = 0.95;
        static final double DEFAULT_TOLERANCE = 0.10;
        static final int DEFAULT_MAX_ROUNDS = 4;

        RoundSettings {
            if (verifyTopK < 0 || maxRounds < 1 || !(verifyTolerance > 0) || !(latencyBudgetMs > 0)) {
                throw new IllegalArgumentException("bad round settings: top " + verifyTopK + ", rounds " + maxRounds
                        + ", tolerance " + verifyTolerance + ", budget " + latencyBudgetMs);
            }
            if (!(confidence >= 0.5 && confidence <= 0.999)) {
                throw new IllegalArgumentException("confidence must be in [0.5, 0.999]: " + confidence);
            }
        }

        boolean verifies() {
            return verifyTopK > 0;
        }
    }

    RoundSettings roundSettings() {
        int topK = verifyTopK == null ? 0 : verifyTopK;
        return new RoundSettings(
                topK,
                confidence == null ? RoundSettings.DEFAULT_CONFIDENCE : confidence,
                verifyTolerance == null ? RoundSettings.DEFAULT_TOLERANCE : verifyTolerance,
                topK == 0 ? 1 : maxRounds == null ? RoundSettings.DEFAULT_MAX_ROUNDS : maxRounds,
                constraints == null || constraints.latencyBudgetMs() == null
                        ? Double.POSITIVE_INFINITY
                        : constraints.latencyBudgetMs());
    }
}

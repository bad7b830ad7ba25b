package dev.tenshot.search;

import dev.tenshot.space.mmdit.MmditConfig;

/**
 * One evaluated config.
 *
 * @param latencyMs estimated end-to-end latency in milliseconds, the latency objective
 * @param constraintLatencyMs the latency the budget was checked against ({@link LatencyEstimator#constraintMs}), for
 *     example an upper confidence bound of the estimate
 * @param quality quality score from the {@link QualityModel}, 1 for the unpruned model
 * @param denoiserParameters parameters of the pruned denoiser
 * @param feasible true when every constraint holds
 * @param violation total relative constraint violation, 0 exactly when feasible
 */
public record Candidate(
        MmditConfig config,
        double latencyMs,
        double constraintLatencyMs,
        double quality,
        long denoiserParameters,
        boolean feasible,
        double violation) {

    public Candidate {
        if (!(violation >= 0)) {
            throw new IllegalArgumentException("violation must be >= 0: " + violation);
        }
        if (feasible != (violation == 0)) {
            throw new IllegalArgumentException("feasible must mean zero violation: " + feasible + ", " + violation);
        }
    }
}

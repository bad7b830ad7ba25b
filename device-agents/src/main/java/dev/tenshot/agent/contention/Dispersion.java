package dev.tenshot.agent.contention;

import dev.tenshot.agent.runner.Quantiles;
import java.util.Arrays;

/**
 * How much the timed calls of one measurement differ. Other processes taking the cores now and then make some calls
 * much slower than others; a quiet machine repeats a call within a few percent.
 *
 * @param relativeIqr interquartile range of the calls over their median (for several groups of calls, such as the
 *     stages of a pipeline: the groups' IQRs over their medians, each weighted by how often it counts); at least 0
 * @param maxMinRatio slowest call over fastest (for several groups: weighted slowest over weighted fastest); at least
 *     1
 */
public record Dispersion(double relativeIqr, double maxMinRatio) {

    public Dispersion {
        if (!Double.isFinite(relativeIqr) || relativeIqr < 0) {
            throw new IllegalArgumentException("relativeIqr must be finite and >= 0: " + relativeIqr);
        }
        if (!Double.isFinite(maxMinRatio) || maxMinRatio < 1) {
            throw new IllegalArgumentException("maxMinRatio must be finite and >= 1: " + maxMinRatio);
        }
    }

    /** Of one group of call times in milliseconds (at least one, all positive). */
    public static Dispersion of(double[] callMillis) {
        return of(new double[][] {callMillis}, new int[] {1});
    }

    /**
     * Of several groups of call times, each group counting {@code weights[i]} times (the calls per step x steps of a
     * pipeline stage timed once).
     *
     * @throws IllegalArgumentException for an empty group, a call time that is not positive, a negative weight, or
     *     mismatched lengths
     */
    public static Dispersion of(double[][] groups, int[] weights) {
        if (groups.length == 0 || groups.length != weights.length) {
            throw new IllegalArgumentException(
                    "need one weight per group and at least one group: " + groups.length + ", " + weights.length);
        }
        double iqr = 0;
        double median = 0;
        double slowest = 0;
        double fastest = 0;
        for (int i = 0; i < groups.length; i++) {
            double[] calls = groups[i];
            if (weights[i] < 0) {
                throw new IllegalArgumentException("weights must be >= 0: " + Arrays.toString(weights));
            }
            if (calls.length == 0 || Arrays.stream(calls).anyMatch(ms -> !(ms > 0) || !Double.isFinite(ms))) {
                throw new IllegalArgumentException("call times must be positive and finite: " + Arrays.toString(calls));
            }
            iqr += weights[i] * Quantiles.interquartileRange(calls);
            median += weights[i] * Quantiles.median(calls);
            slowest += weights[i] * Arrays.stream(calls).max().orElseThrow();
            fastest += weights[i] * Arrays.stream(calls).min().orElseThrow();
        }
        if (median == 0) {
            return new Dispersion(0, 1);
        }
        return new Dispersion(iqr / median, Math.max(1, slowest / fastest));
    }
}

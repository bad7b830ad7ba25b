package dev.tenshot.search;

/**
 * Hard limits on a candidate. A candidate that breaks one stays in the population, ranked after every feasible one
 * (constrained domination); its violation is the sum of the relative amounts by which it misses each limit.
 *
 * @param latencyBudgetMs highest allowed latency in milliseconds, {@code > 0} ({@code +Infinity} for none), checked
 *     against each candidate's {@linkplain Candidate#constraintLatencyMs constraint latency}
 * @param minQuality lowest allowed quality ({@code -Infinity} for none)
 * @param minKeptBlocks fewest kept blocks, {@code >= 1}
 * @param maxParameters most denoiser parameters ({@code +Infinity} for none): a weight-memory budget divided by the
 *     bytes per weight at the device's precision
 */
public record SearchConstraints(double latencyBudgetMs, double minQuality, int minKeptBlocks, double maxParameters) {

    /** Without a limit on the parameter count. */
    public SearchConstraints(double latencyBudgetMs, double minQuality, int minKeptBlocks) {
        this(latencyBudgetMs, minQuality, minKeptBlocks, Double.POSITIVE_INFINITY);
    }

    public SearchConstraints {
        if (!(maxParameters > 0)) {
            throw new IllegalArgumentException("maxParameters must be > 0: " + maxParameters);
        }
        if (!(latencyBudgetMs > 0)) {
            throw new IllegalArgumentException("latencyBudgetMs must be > 0: " + latencyBudgetMs);
        }
        if (Double.isNaN(minQuality)) {
            throw new IllegalArgumentException("minQuality must be a number: " + minQuality);
        }
        if (minKeptBlocks < 1) {
            throw new IllegalArgumentException("minKeptBlocks must be >= 1: " + minKeptBlocks);
        }
    }

    /** No limits beyond the space's own (at least the last block is kept). */
    public static SearchConstraints none() {
        return new SearchConstraints(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1);
    }

    /**
     * The total relative violation: {@code (latency - budget) / budget} when over budget, plus {@code (minQuality -
     * quality) / max(|minQuality|, 1e-9)} when under, plus {@code (minKept - kept) / minKept} when too few blocks,
     * plus {@code (parameters - max) / max} when too large.
     *
     * @return 0 when every limit holds, else {@code > 0}
     */
    public double violation(double latencyMs, double quality, int keptBlocks, long parameters) {
        double violation = 0;
        if (latencyMs > latencyBudgetMs) {
            violation += (latencyMs - latencyBudgetMs) / latencyBudgetMs;
        }
        if (quality < minQuality) {
            violation += (minQuality - quality) / Math.max(Math.abs(minQuality), 1e-9);
        }
        if (keptBlocks < minKeptBlocks) {
            violation += (double) (minKeptBlocks - keptBlocks) / minKeptBlocks;
        }
        if (parameters > maxParameters) {
            violation += (parameters - maxParameters) / maxParameters;
        }
        return violation;
    }
}

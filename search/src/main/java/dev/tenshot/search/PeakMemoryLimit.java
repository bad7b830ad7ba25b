package dev.tenshot.search;

import dev.tenshot.space.mmdit.MmditConfig;
import java.util.function.ToDoubleFunction;

/**
 * A limit on a config's peak memory: the bytes a budget is checked against (for several target devices, the worst
 * over them) at most {@code budgetBytes}. Enforced like the other constraints, by constrained domination; its
 * violation is {@code (bound - budget) / budget} when over.
 *
 * @param boundBytes a config's peak memory bound in bytes, finite and {@code >= 0}
 * @param budgetBytes the budget, {@code > 0} ({@code +Infinity} for none)
 */
public record PeakMemoryLimit(ToDoubleFunction<MmditConfig> boundBytes, double budgetBytes) {

    public PeakMemoryLimit {
        if (!(budgetBytes > 0)) {
            throw new IllegalArgumentException("budgetBytes must be > 0: " + budgetBytes);
        }
    }

    /** No limit. */
    public static PeakMemoryLimit none() {
        return new PeakMemoryLimit(config -> 0, Double.POSITIVE_INFINITY);
    }

    /** @return 0 within the budget, else the relative excess */
    public double violation(MmditConfig config) {
        if (budgetBytes == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double bound = boundBytes.applyAsDouble(config);
        if (!(bound >= 0) || Double.isInfinite(bound)) {
            throw new IllegalStateException("peak memory bound " + bound + " for " + config);
        }
        return bound > budgetBytes ? (bound - budgetBytes) / budgetBytes : 0;
    }
}

package dev.tenshot.search.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The exact two-objective Pareto front of a problem that is additive over independent decisions: each decision picks
 * one option, and an option adds a fixed amount to both objectives (both minimised, for example latency and quality
 * loss). Dynamic programming over the decisions keeps only the non-dominated partial sums after each one, so the
 * work is O(decisions * options * front size * log). Exact: no bucketing, which the front sizes of the MMDiT space
 * (a few thousand points) do not need.
 */
public final class ExactFront {

    private ExactFront() {}

    /**
     * @param decisions per decision its options, each a pair {@code {cost, loss}}; every decision has an option
     * @return the non-dominated sums, by cost ascending (and so loss descending)
     * @throws IllegalArgumentException for a decision without options or an option that is not a pair
     */
    public static List<double[]> of(List<List<double[]>> decisions) {
        List<double[]> front = List.of(new double[] {0, 0});
        for (var options : decisions) {
            if (options.isEmpty()) {
                throw new IllegalArgumentException("every decision needs an option");
            }
            var sums = new ArrayList<double[]>(front.size() * options.size());
            for (double[] option : options) {
                if (option.length != 2) {
                    throw new IllegalArgumentException("an option is a pair {cost, loss}: " + option.length);
                }
                for (double[] partial : front) {
                    sums.add(new double[] {partial[0] + option[0], partial[1] + option[1]});
                }
            }
            front = nonDominated(sums);
        }
        return front;
    }

    /** The non-dominated points of a 2D minimisation set, by the first objective ascending; duplicates collapse. */
    public static List<double[]> nonDominated(List<double[]> points) {
        var sorted = new ArrayList<>(points);
        sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        var front = new ArrayList<double[]>();
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double[] point : sorted) {
            if (point[1] < bestLoss) {
                front.add(point);
                bestLoss = point[1];
            }
        }
        return front;
    }
}

package dev.tenshot.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * NSGA-II's ranking of a set of fitnesses under {@link Fitness#dominance constrained domination}: the non-dominated
 * rank of each (0 for the first front) and its crowding distance within its front (infinite at a front's ends). Deb's
 * fast non-dominated sort on plain arrays, O(M N^2): Jenetics' own {@code Pareto.rank} did the same with boxed lists
 * and took most of the search's time.
 */
final class Ranking {

    private final int[] rank;
    private final double[] crowding;

    private Ranking(int[] rank, double[] crowding) {
        this.rank = rank;
        this.crowding = crowding;
    }

    static Ranking of(List<Fitness> fitnesses) {
        int n = fitnesses.size();
        var dominates = new boolean[n * n]; // dominates[i * n + j]: i dominates j
        var dominatedBy = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int dominance = Fitness.dominance(fitnesses.get(i), fitnesses.get(j));
                if (dominance > 0) {
                    dominates[i * n + j] = true;
                    dominatedBy[j]++;
                } else if (dominance < 0) {
                    dominates[j * n + i] = true;
                    dominatedBy[i]++;
                }
            }
        }
        var rank = new int[n];
        var crowding = new double[n];
        var front = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            if (dominatedBy[i] == 0) {
                front.add(i);
            }
        }
        for (int level = 0; !front.isEmpty(); level++) {
            crowd(front, fitnesses, crowding);
            var next = new ArrayList<Integer>();
            for (int p : front) {
                rank[p] = level;
                for (int q = 0; q < n; q++) {
                    if (dominates[p * n + q] && --dominatedBy[q] == 0) {
                        next.add(q);
                    }
                }
            }
            front = next;
        }
        return new Ranking(rank, crowding);
    }

    private static void crowd(List<Integer> front, List<Fitness> fitnesses, double[] crowding) {
        var sorted = front.toArray(Integer[]::new);
        int dimensions = fitnesses.get(sorted[0]).dimensions();
        for (int objective = 0; objective < dimensions; objective++) {
            int m = objective;
            Arrays.sort(sorted, Comparator.comparingDouble(i -> fitnesses.get(i).objectives()[m]));
            double min = fitnesses.get(sorted[0]).objectives()[m];
            double max = fitnesses.get(sorted[sorted.length - 1]).objectives()[m];
            crowding[sorted[0]] = Double.POSITIVE_INFINITY;
            crowding[sorted[sorted.length - 1]] = Double.POSITIVE_INFINITY;
            if (max > min) {
                for (int k = 1; k < sorted.length - 1; k++) {
                    crowding[sorted[k]] += (fitnesses.get(sorted[k + 1]).objectives()[m]
                                    - fitnesses.get(sorted[k - 1]).objectives()[m])
                            / (max - min);
                }
            }
        }
    }

    /** Members ranked. */
    int size() {
        return rank.length;
    }

    /** The non-dominated rank of a member, 0 for the first front. */
    int rank(int member) {
        return rank[member];
    }

    /** The crowding distance of a member within its front, infinite at the front's ends. */
    double crowding(int member) {
        return crowding[member];
    }

    /**
     * Crowded binary tournament (NSGA-II's parent selection): two members drawn uniformly, with replacement, and the
     * better by {@link #compare} wins, the first drawn on a tie.
     *
     * @return the winner's index
     */
    int tournament(RandomGenerator random) {
        int a = random.nextInt(rank.length);
        int b = random.nextInt(rank.length);
        return compare(a, b) <= 0 ? a : b;
    }

    /** Negative if {@code a} is better than {@code b}: lower rank, then larger crowding distance. */
    int compare(int a, int b) {
        int byRank = Integer.compare(rank[a], rank[b]);
        return byRank != 0 ? byRank : Double.compare(crowding[b], crowding[a]);
    }

    /** The ranking of the given members only, in that order, each keeping its rank and crowding distance. */
    Ranking restrictedTo(int[] members) {
        var keptRank = new int[members.length];
        var keptCrowding = new double[members.length];
        for (int i = 0; i < members.length; i++) {
            keptRank[i] = rank[members[i]];
            keptCrowding[i] = crowding[members[i]];
        }
        return new Ranking(keptRank, keptCrowding);
    }

    /** The indices of the {@code count} best by {@link #compare}, ties kept in index order. */
    int[] best(int count) {
        return IntStream.range(0, rank.length)
                .boxed()
                .sorted(this::compare)
                .limit(count)
                .mapToInt(Integer::intValue)
                .toArray();
    }
}

package dev.tenshot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

/**
 * The parent selection's distribution, tested as Jenetics tests its selectors: draw many times and compare the
 * histogram with the exact distribution by a chi-square goodness-of-fit test.
 */
class TournamentTest {

    private static final int DRAWS = 200_000;

    /** Rejects a correct selection in 1 of 1,000 seeds; the seed is fixed, so the outcome does not change by run. */
    private static final double SIGNIFICANCE = 0.001;

    @Test
    void picksTheKthBestWithTheBinaryTournamentsProbability() {
        // best first: a front of three (two ends, tied at infinite crowding, then the middle), then seven fronts
        // of one; shuffled so that the order is not the index order
        var ordered = new ArrayList<Fitness>();
        ordered.add(new Fitness(new double[] {-1, -3}, 0));
        ordered.add(new Fitness(new double[] {-3, -1}, 0));
        ordered.add(new Fitness(new double[] {-2, -2}, 0));
        for (int k = 1; k <= 7; k++) {
            ordered.add(new Fitness(new double[] {-3 - k, -3 - k}, 0));
        }
        int[][] groups = {{0, 1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}}; // positions in ordered, best first
        var shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new SplittableRandom(7));
        var ranking = Ranking.of(shuffled);

        long[] observed = new long[ordered.size()];
        var random = new SplittableRandom(2026);
        for (int i = 0; i < DRAWS; i++) {
            observed[ordered.indexOf(shuffled.get(ranking.tournament(random)))]++;
        }

        double[] expected = expected(groups, ordered.size());
        assertThat(new ChiSquareTest().chiSquareTest(expected, observed, SIGNIFICANCE))
                .as("observed %s, expected probabilities %s", Arrays.toString(observed), Arrays.toString(expected))
                .isFalse();
    }

    /**
     * Binary tournament with replacement among n members: a group of g tied members at positions [k, k + g) of the
     * order wins when neither draw is better than it and not both are worse, probability ((n - k)^2 - (n - k - g)^2)
     * / n^2, shared equally by its members (the first drawn wins a tie, and either is drawn first equally often).
     */
    private static double[] expected(int[][] groups, int n) {
        double[] p = new double[n];
        for (int[] group : groups) {
            int k = group[0];
            int g = group.length;
            double share = ((double) (n - k) * (n - k) - (double) (n - k - g) * (n - k - g)) / ((double) n * n) / g;
            for (int position : group) {
                p[position] = share;
            }
        }
        return p;
    }

    @Test
    void expectsTheProbabilitiesWorkedByHand() {
        // 4 members, the best two tied: 16 equally likely draws; the tied pair wins 12 (all but the 4 of two worse
        // members), the third wins 3 (with itself, or against the fourth either way round), the fourth 1
        assertThat(expected(new int[][] {{0, 1}, {2}, {3}}, 4)).containsExactly(6 / 16.0, 6 / 16.0, 3 / 16.0, 1 / 16.0);
    }
}

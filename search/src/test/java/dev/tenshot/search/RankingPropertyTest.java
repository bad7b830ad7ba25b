package dev.tenshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenetics.ext.moea.Pareto;
import io.jenetics.util.ISeq;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Ranking} against Jenetics' reference implementation ({@code Pareto.rank}, {@code Pareto.crowdingDistance}) on
 * many random point sets from a seeded generator, so every failure replays. A hand-rolled loop rather than jqwik:
 * jqwik's licence gained a clause against use by AI tools, and it needs JUnit Platform 1.x where this build runs 6.x.
 */
class RankingPropertyTest {

    private static final int SETS = 2_000;

    @Test
    void ranksAsJeneticsParetoRankOnRandomSetsWithTiesAndDuplicates() {
        var random = new SplittableRandom(20_260_101);
        for (int set = 0; set < SETS; set++) {
            var fitnesses = randomSet(random, true);

            int[] expected = Pareto.rank(ISeq.of(fitnesses), Fitness::dominance);
            var ranking = Ranking.of(fitnesses);

            assertThat(IntStream.range(0, ranking.size()).map(ranking::rank).toArray())
                    .as("set %d: %s", set, fitnesses)
                    .containsExactly(expected);
        }
    }

    @Test
    void crowdsAsJeneticsCrowdingDistanceWithinEachFront() {
        // objective values without ties: with ties, which of two equal values sorts first (and so is a front's end)
        // is arbitrary, and Jenetics' index sorter and ours may choose differently, both correctly
        var random = new SplittableRandom(20_260_102);
        for (int set = 0; set < SETS; set++) {
            var fitnesses = randomSet(random, false);
            var ranking = Ranking.of(fitnesses);

            for (int level = 0; ; level++) {
                int r = level;
                int[] front = IntStream.range(0, ranking.size())
                        .filter(i -> ranking.rank(i) == r)
                        .toArray();
                if (front.length == 0) {
                    break;
                }
                double[] expected = Pareto.crowdingDistance(
                        ISeq.of(Arrays.stream(front).mapToObj(fitnesses::get).toList()),
                        Fitness::compare,
                        Fitness::distance,
                        Fitness::dimensions);
                for (int k = 0; k < front.length; k++) {
                    assertThat(ranking.crowding(front[k]))
                            .as("set %d, front %d, member %d: %s", set, level, front[k], fitnesses)
                            .isCloseTo(expected[k], within(1e-12));
                }
            }
        }
    }

    @Test
    void sortsBestFirstByRankThenCrowding() {
        var random = new SplittableRandom(20_260_103);
        for (int set = 0; set < SETS; set++) {
            var fitnesses = randomSet(random, true);
            var ranking = Ranking.of(fitnesses);

            int[] best = ranking.best(ranking.size());

            assertThat(best)
                    .as("a permutation")
                    .containsExactlyInAnyOrder(
                            IntStream.range(0, ranking.size()).toArray());
            for (int k = 1; k < best.length; k++) {
                int before = best[k - 1];
                int after = best[k];
                assertThat(ranking.rank(before)).isLessThanOrEqualTo(ranking.rank(after));
                if (ranking.rank(before) == ranking.rank(after)) {
                    assertThat(ranking.crowding(before)).isGreaterThanOrEqualTo(ranking.crowding(after));
                }
            }
        }
    }

    /**
     * 1 to 60 fitnesses of 2 or 3 objectives, about a third of them infeasible. With {@code ties}, objectives and
     * violations come from a grid of 4 values and a set often repeats a fitness, so ties in single objectives, equal
     * violations and exact duplicates are all common; without, objectives are continuous.
     */
    private static List<Fitness> randomSet(SplittableRandom random, boolean ties) {
        int size = random.nextInt(1, 61);
        int dimensions = random.nextInt(2, 4);
        var fitnesses = new ArrayList<Fitness>(size);
        for (int i = 0; i < size; i++) {
            if (ties && i > 0 && random.nextInt(8) == 0) {
                fitnesses.add(fitnesses.get(random.nextInt(i)));
                continue;
            }
            double[] objectives = new double[dimensions];
            for (int m = 0; m < dimensions; m++) {
                objectives[m] = ties ? random.nextInt(4) : random.nextDouble(-1, 1);
            }
            double violation = random.nextInt(3) == 0 ? (ties ? random.nextInt(1, 3) : random.nextDouble(0.1, 2)) : 0;
            fitnesses.add(new Fitness(objectives, violation));
        }
        return fitnesses;
    }
}

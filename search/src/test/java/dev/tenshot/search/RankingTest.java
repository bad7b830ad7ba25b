package dev.tenshot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {

    @Test
    void ranksByConstrainedDominationThenCrowding() {
        var fitnesses = List.of(
                new Fitness(new double[] {-1, 0.5}, 0), // first front, end
                new Fitness(new double[] {-2, 0.8}, 0), // first front, middle
                new Fitness(new double[] {-4, 0.9}, 0), // first front, end
                new Fitness(new double[] {-3, 0.7}, 0), // dominated by 1
                new Fitness(new double[] {-0.5, 1.0}, 2)); // infeasible: last

        var ranking = Ranking.of(fitnesses);

        assertThat(ranking.best(5)).containsExactly(0, 2, 1, 3, 4);
        assertThat(ranking.best(2)).containsExactly(0, 2);
        assertThat(ranking.restrictedTo(new int[] {3, 1}).compare(0, 1)).isPositive();
    }
}

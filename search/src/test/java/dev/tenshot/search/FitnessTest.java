package dev.tenshot.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenetics.ext.moea.Pareto;
import io.jenetics.util.ISeq;
import java.util.ArrayList;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FitnessTest {

    @Test
    void constrainedDominationRanksFeasibleFirstAndInfeasibleByViolation() {
        var random = new SplittableRandom(11);
        var fitnesses = new ArrayList<Fitness>();
        for (int i = 0; i < 200; i++) {
            double violation = random.nextBoolean() ? 0 : random.nextInt(1, 20) / 10.0;
            fitnesses.add(new Fitness(new double[] {random.nextDouble(), random.nextDouble()}, violation));
        }

        int[] rank = Pareto.rank(ISeq.of(fitnesses), Fitness::dominance);

        for (int i = 0; i < rank.length; i++) {
            for (int j = 0; j < rank.length; j++) {
                var a = fitnesses.get(i);
                var b = fitnesses.get(j);
                if (a.feasible() && !b.feasible()) {
                    assertThat(rank[i])
                            .as("feasible %s before infeasible %s", a, b)
                            .isLessThan(rank[j]);
                }
                if (!a.feasible() && !b.feasible() && a.violation() < b.violation()) {
                    assertThat(rank[i]).as("%s before %s", a, b).isLessThan(rank[j]);
                }
            }
        }
    }

    @Test
    void feasibleCandidatesCompareByParetoDominance() {
        var better = new Fitness(new double[] {2, 2}, 0);
        var worse = new Fitness(new double[] {1, 1}, 0);
        var tradeOff = new Fitness(new double[] {3, 0}, 0);

        assertThat(Fitness.dominance(better, worse)).isPositive();
        assertThat(Fitness.dominance(worse, better)).isNegative();
        assertThat(Fitness.dominance(better, tradeOff)).isZero();
        assertThat(Fitness.dominance(worse, new Fitness(new double[] {9, 9}, 0.1)))
                .isPositive();
    }
}

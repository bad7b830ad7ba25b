package dev.tenshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParetoSearchTest {

    @Test
    void scoresEachEvaluationPassInOneBatchedCall() {
        var latency = new AdditiveLatency();
        var budget = new SearchBudget(40, 8);

        var result = ParetoSearch.run(TestData.problem(latency, SearchConstraints.none()), budget, 1, p -> {});

        assertThat(latency.calls)
                .as("one call per generation, plus one for the initial population")
                .hasSizeBetween(budget.generations(), budget.generations() + 1)
                .allSatisfy(call -> assertThat(call).isNotEmpty().hasSizeLessThanOrEqualTo(budget.population()));
        var seen = new HashSet<MmditConfig>();
        latency.calls.forEach(call -> call.forEach(config -> assertThat(seen.add(config))
                .as("config scored only once: %s", config)
                .isTrue()));
        assertThat(result.history()).hasSize(budget.generations());
        assertThat(result.history().getLast().evaluations())
                .as("evaluations count the initial population and every new offspring")
                .isBetween((long) budget.population(), (long) budget.population() * budget.generations());
    }

    @Test
    void stopsBetweenGenerationsWhenCancelled() {
        var latency = new AdditiveLatency();
        var progress = new ArrayList<SearchProgress>();

        assertThatThrownBy(() -> ParetoSearch.run(
                        TestData.problem(latency, SearchConstraints.none()),
                        new SearchBudget(40, 10),
                        1,
                        List.of(),
                        progress::add,
                        () -> progress.size() == 3))
                .isInstanceOf(CancellationException.class)
                .hasMessageContaining("generation 4");
        assertThat(progress).extracting(SearchProgress::generation).containsExactly(1L, 2L, 3L);
        assertThat(latency.calls)
                .as("the initial population and three generations, nothing after")
                .hasSize(4);
    }

    @Test
    void givesTheSameFrontForTheSameSeed() {
        var budget = new SearchBudget(40, 10);

        var first = ParetoSearch.run(
                TestData.problem(new AdditiveLatency(), SearchConstraints.none()), budget, 42, p -> {});
        var second = ParetoSearch.run(
                TestData.problem(new AdditiveLatency(), SearchConstraints.none()), budget, 42, p -> {});

        assertThat(second.front()).isEqualTo(first.front());
        assertThat(second.history()).isEqualTo(first.history());
    }

    @Test
    void keepsTheFeasibleFrontWithinTheLatencyBudget() {
        var latency = new AdditiveLatency();
        double budgetMs = 0.4 * TestData.fullLatencyMs(latency);
        var constraints = new SearchConstraints(budgetMs, 0.7, 12);
        var progress = new ArrayList<SearchProgress>();

        var result =
                ParetoSearch.run(TestData.problem(latency, constraints), new SearchBudget(60, 30), 3, progress::add);

        assertThat(result.front()).isNotEmpty().allSatisfy(candidate -> {
            assertThat(candidate.feasible()).isTrue();
            assertThat(candidate.latencyMs()).isLessThanOrEqualTo(budgetMs);
            assertThat(candidate.quality()).isGreaterThanOrEqualTo(0.7);
            assertThat(candidate.config().keptBlocks()).isGreaterThanOrEqualTo(12);
        });
        assertThat(progress).isEqualTo(result.history());
        assertThat(progress).extracting(SearchProgress::hypervolume).isSorted();
    }

    @Test
    void checksTheBudgetAgainstTheConstraintLatencyAndMinimisesTheEstimate() {
        var estimates = new AdditiveLatency();
        LatencyEstimator cautious = new LatencyEstimator() {
            @Override
            public double[] estimateMs(List<MmditConfig> configs) {
                return estimates.estimateMs(configs);
            }

            @Override
            public double[] constraintMs(List<MmditConfig> configs, double[] estimatesMs) {
                return java.util.Arrays.stream(estimatesMs).map(ms -> 1.5 * ms).toArray();
            }
        };
        double budgetMs = 0.4 * TestData.fullLatencyMs(estimates);
        var problem = new SearchProblem(
                TestData.SPACE,
                cautious,
                TestData.quality(),
                new SearchConstraints(budgetMs, Double.NEGATIVE_INFINITY, 1),
                false,
                new ReferencePoint(1.1 * TestData.fullLatencyMs(estimates), 0.0, 0.0));

        var result = ParetoSearch.run(problem, new SearchBudget(60, 30), 3, p -> {});

        assertThat(result.front()).isNotEmpty().allSatisfy(candidate -> {
            assertThat(candidate.feasible()).isTrue();
            assertThat(candidate.latencyMs()).isEqualTo(estimates.latencyMs(candidate.config()));
            assertThat(candidate.constraintLatencyMs()).isEqualTo(1.5 * candidate.latencyMs());
            assertThat(candidate.constraintLatencyMs()).isLessThanOrEqualTo(budgetMs);
        });
    }

    @Test
    void startsFromTheGivenConfigsSoThatOneMeasuredFastIsOnTheFront() {
        var latency = new AdditiveLatency();
        var keep = new ArrayList<Boolean>();
        for (int block = 0; block < TestData.SPACE.depth(); block++) {
            keep.add(block % 3 != 0 || block == TestData.SPACE.depth() - 1);
        }
        var measured = new MmditConfig(
                keep,
                Collections.nCopies(TestData.SPACE.depth(), MlpWidth.HALF),
                TestData.SPACE.base().pyramid().defaultSteps());
        LatencyEstimator measuredFast = configs -> configs.stream()
                .mapToDouble(c -> c.equals(measured) ? 0.001 : latency.latencyMs(c))
                .toArray();
        var problem = new SearchProblem(
                TestData.SPACE,
                measuredFast,
                TestData.quality(),
                SearchConstraints.none(),
                false,
                new ReferencePoint(1.1 * TestData.fullLatencyMs(latency), 0.0, 0.0));
        var budget = new SearchBudget(40, 10);

        var started = ParetoSearch.run(problem, budget, 5, List.of(measured), p -> {}, () -> false);
        var unstarted = ParetoSearch.run(problem, budget, 5, p -> {});

        assertThat(started.front()).first().satisfies(candidate -> {
            assertThat(candidate.config()).isEqualTo(measured);
            assertThat(candidate.latencyMs()).isEqualTo(0.001);
        });
        assertThat(unstarted.front()).extracting(Candidate::config).doesNotContain(measured);
    }

    @Test
    void keepsTheFeasibleFrontWithinAParameterBudget() {
        var latency = new AdditiveLatency();
        double maxParameters = 1.0e9;
        var constraints = new SearchConstraints(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, maxParameters);

        var result = ParetoSearch.run(TestData.problem(latency, constraints), new SearchBudget(60, 30), 3, p -> {});

        assertThat(result.front()).isNotEmpty().allSatisfy(candidate -> {
            assertThat(candidate.feasible()).isTrue();
            assertThat((double) candidate.denoiserParameters()).isLessThanOrEqualTo(maxParameters);
        });
    }

    @Test
    void keepsTheFeasibleFrontWithinAPeakMemoryLimitThatGrowsWithTheWidestMlp() {
        var latency = new AdditiveLatency();
        var costs = TestData.SPACE.costs();
        // weights at one byte each plus two bytes per activation value: the widest kept MLP counts, not only the size
        ToDoubleFunction<MmditConfig> peak =
                config -> costs.denoiserParameters(config) + 2 * costs.peakActivationValues(config);
        MmditConfig full = MmditConfig.full(TestData.SPACE.base());
        double budget = 0.6 * peak.applyAsDouble(full);
        var base = TestData.problem(latency, SearchConstraints.none());
        var limited = new SearchProblem(
                base.space(),
                base.latency(),
                base.quality(),
                base.constraints(),
                false,
                base.reference(),
                new PeakMemoryLimit(peak, budget));

        var free = ParetoSearch.run(base, new SearchBudget(60, 30), 3, p -> {});
        var result = ParetoSearch.run(limited, new SearchBudget(60, 30), 3, p -> {});

        assertThat(free.front())
                .as("without the limit the front reaches beyond it")
                .anySatisfy(c -> assertThat(peak.applyAsDouble(c.config())).isGreaterThan(budget));
        assertThat(result.front()).isNotEmpty().allSatisfy(candidate -> {
            assertThat(candidate.feasible()).isTrue();
            assertThat(peak.applyAsDouble(candidate.config())).isLessThanOrEqualTo(budget);
        });
    }

    @Test
    void marksTheLeastViolatingCandidatesWhenNothingIsFeasible() {
        var latency = new AdditiveLatency();
        var impossible = new SearchConstraints(1.0, 0.99, 24);

        var result = ParetoSearch.run(TestData.problem(latency, impossible), new SearchBudget(20, 5), 5, p -> {});

        assertThat(result.front()).isNotEmpty().allSatisfy(candidate -> {
            assertThat(candidate.feasible()).isFalse();
            assertThat(candidate.violation()).isPositive();
        });
    }

    @Test
    void reachesNinetyNinePercentOfTheExactHypervolume() {
        var latency = new AdditiveLatency();
        var problem = TestData.problem(latency, SearchConstraints.none());
        var budget = new SearchBudget(200, 165);

        long start = System.nanoTime();
        var result = ParetoSearch.run(problem, budget, 2026, p -> {});
        long millis = (System.nanoTime() - start) / 1_000_000;

        double[] reference = {
            problem.reference().latencyMs(), -problem.reference().quality()
        };
        var exact = latency.exactFront(TestData.SPACE, problem.quality()).stream()
                .map(p -> new double[] {p[0], p[1] - 1})
                .toList();
        double ratio = result.history().getLast().hypervolume() / Hypervolume.of(exact, reference);
        System.out.printf(
                "hypervolume ratio vs exact front: %.5f (%d evaluations, %d ms, front %d vs exact %d)%n",
                ratio,
                result.history().getLast().evaluations(),
                millis,
                result.front().size(),
                exact.size());
        assertThat(result.history().getLast().evaluations()).isLessThanOrEqualTo(20_000);
        assertThat(ratio).isGreaterThanOrEqualTo(0.99).isLessThanOrEqualTo(1 + 1e-9);
    }

    @Test
    void searchesParametersAsAThirdObjective() {
        // latency from the steps alone: searching latency and quality alone keeps every block at full width, so only
        // a search that minimises parameters too finds the configs of few parameters
        var additive = new AdditiveLatency();
        LatencyEstimator stepsOnly = configs -> configs.stream()
                .mapToDouble(c -> IntStream.range(0, c.steps().size())
                        .mapToDouble(stage -> additive.stepMs(stage) * c.steps().get(stage))
                        .sum())
                .toArray();
        var costs = TestData.SPACE.costs();
        long fullParameters = costs.denoiserParameters(MmditConfig.full(TestData.SPACE.base()));
        var fewest = new MmditConfig(
                IntStream.range(0, TestData.SPACE.depth())
                        .mapToObj(block -> block == TestData.SPACE.depth() - 1)
                        .toList(),
                Collections.nCopies(TestData.SPACE.depth(), MlpWidth.QUARTER),
                TestData.SPACE.base().pyramid().defaultSteps());
        long fewestParameters = costs.denoiserParameters(fewest);
        var problem = new SearchProblem(
                TestData.SPACE,
                stepsOnly,
                TestData.quality(),
                SearchConstraints.none(),
                true,
                new ReferencePoint(2 * stepsOnly.estimateMs(List.of(fewest))[0], 0.0, 1.1 * fullParameters));

        var result = ParetoSearch.run(problem, new SearchBudget(60, 40), 8, p -> {});

        long least = result.front().stream()
                .mapToLong(Candidate::denoiserParameters)
                .min()
                .orElseThrow();
        assertThat((double) least)
                .as("least parameters on the front (a search of latency and quality alone stays near 20% of the way"
                        + " from the fewest to the full model's)")
                .isLessThanOrEqualTo(fewestParameters + 0.05 * (fullParameters - fewestParameters));
        var points = result.front().stream()
                .map(c -> new double[] {c.latencyMs(), -c.quality(), c.denoiserParameters()})
                .toList();
        assertThat(points)
                .as("no member dominates another in all three objectives")
                .allSatisfy(a -> assertThat(points).noneMatch(b -> dominates(b, a)));
        assertThat(result.history().getLast().hypervolume())
                .as("the hypervolume is the front's, in three dimensions")
                .isPositive()
                .isEqualTo(Hypervolume.of(points, new double[] {
                    problem.reference().latencyMs(),
                    -problem.reference().quality(),
                    problem.reference().denoiserParameters()
                }));
    }

    /** Pareto dominance of minimised points. */
    private static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            better |= a[i] < b[i];
        }
        return better;
    }
}

package dev.tenshot.search;

import dev.tenshot.space.mmdit.MmditConfig;
import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.engine.Evaluator;
import io.jenetics.util.ISeq;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Scores phenotypes in batches: the configs of one evaluation pass that are not cached yet go to the latency
 * estimator in one call. Keeps every candidate seen and the feasible Pareto front over all of them.
 */
final class Scorer implements Evaluator<IntegerGene, Fitness> {

    private final SearchProblem problem;
    private final MmditCodec codec;
    private final Map<MmditConfig, Candidate> cache = new LinkedHashMap<>();
    private final List<Candidate> feasibleFront = new ArrayList<>();
    private final List<double[]> feasiblePoints = new ArrayList<>(); // objectives(feasibleFront.get(i))
    private long evaluations;

    Scorer(SearchProblem problem, MmditCodec codec) {
        this.problem = problem;
        this.codec = codec;
    }

    @Override
    public ISeq<Phenotype<IntegerGene, Fitness>> eval(Seq<Phenotype<IntegerGene, Fitness>> population) {
        var configs = new ArrayList<@Nullable MmditConfig>(population.size());
        for (var phenotype : population) {
            configs.add(phenotype.isEvaluated() ? null : codec.decode(phenotype.genotype()));
        }
        return eval(population.asList(), configs);
    }

    /** As {@link #eval(Seq)} with each phenotype's config already decoded ({@code null} where it is evaluated). */
    ISeq<Phenotype<IntegerGene, Fitness>> eval(
            List<Phenotype<IntegerGene, Fitness>> population, List<@Nullable MmditConfig> configs) {
        var fresh = new LinkedHashSet<MmditConfig>();
        for (var config : configs) {
            if (config != null && !cache.containsKey(config)) {
                fresh.add(config);
            }
        }
        score(List.copyOf(fresh));
        var evaluated = new ArrayList<Phenotype<IntegerGene, Fitness>>(population.size());
        for (int i = 0; i < population.size(); i++) {
            var phenotype = population.get(i);
            var config = configs.get(i);
            if (config == null) {
                evaluated.add(phenotype);
            } else {
                evaluations++;
                evaluated.add(phenotype.withFitness(
                        Fitness.of(Objects.requireNonNull(cache.get(config)), problem.minimiseParameters())));
            }
        }
        return ISeq.of(evaluated);
    }

    private void score(List<MmditConfig> configs) {
        if (configs.isEmpty()) {
            return;
        }
        double[] latencies = problem.latency().estimateMs(configs);
        if (latencies.length != configs.size()) {
            throw new IllegalStateException(
                    "estimator returned " + latencies.length + " latencies for " + configs.size() + " configs");
        }
        double[] bounds = problem.latency().constraintMs(configs, latencies);
        if (bounds.length != configs.size()) {
            throw new IllegalStateException(
                    "estimator returned " + bounds.length + " constraint latencies for " + configs.size() + " configs");
        }
        for (int i = 0; i < configs.size(); i++) {
            var config = configs.get(i);
            double latency = checked(latencies[i], config);
            double bound = checked(bounds[i], config);
            double quality = problem.quality().quality(config);
            long parameters = problem.space().costs().denoiserParameters(config);
            double violation = problem.constraints().violation(bound, quality, config.keptBlocks(), parameters)
                    + problem.peakMemory().violation(config);
            var candidate = new Candidate(config, latency, bound, quality, parameters, violation == 0, violation);
            cache.put(config, candidate);
            if (candidate.feasible()) {
                addToFront(candidate);
            }
        }
    }

    private static double checked(double latencyMs, MmditConfig config) {
        if (!(latencyMs >= 0) || Double.isInfinite(latencyMs)) {
            throw new IllegalStateException("estimator returned latency " + latencyMs + " for " + config);
        }
        return latencyMs;
    }

    private void addToFront(Candidate candidate) {
        double[] point = objectives(candidate);
        for (double[] member : feasiblePoints) {
            if (weaklyDominates(member, point)) {
                return;
            }
        }
        int kept = 0;
        for (int i = 0; i < feasiblePoints.size(); i++) {
            if (!weaklyDominates(point, feasiblePoints.get(i))) {
                feasiblePoints.set(kept, feasiblePoints.get(i));
                feasibleFront.set(kept, feasibleFront.get(i));
                kept++;
            }
        }
        feasiblePoints.subList(kept, feasiblePoints.size()).clear();
        feasibleFront.subList(kept, feasibleFront.size()).clear();
        feasibleFront.add(candidate);
        feasiblePoints.add(point);
    }

    /** Whether the config has been scored already. */
    boolean seen(MmditConfig config) {
        return cache.containsKey(config);
    }

    long evaluations() {
        return evaluations;
    }

    int frontSize() {
        return feasibleFront.isEmpty() ? front().size() : feasibleFront.size();
    }

    double hypervolume() {
        return Hypervolume.of(feasiblePoints, reference());
    }

    /** The feasible front, or the non-dominated candidates of least violation when none is feasible. */
    List<Candidate> front() {
        List<Candidate> front;
        if (!feasibleFront.isEmpty()) {
            front = feasibleFront;
        } else {
            double least = cache.values().stream()
                    .mapToDouble(Candidate::violation)
                    .min()
                    .orElse(0);
            var tied =
                    cache.values().stream().filter(c -> c.violation() == least).toList();
            front = tied.stream()
                    .filter(c -> tied.stream()
                            .noneMatch(other -> other != c
                                    && weaklyDominates(objectives(other), objectives(c))
                                    && !weaklyDominates(objectives(c), objectives(other))))
                    .toList();
        }
        return front.stream()
                .sorted(Comparator.comparingDouble(Candidate::latencyMs).thenComparingDouble(c -> -c.quality()))
                .toList();
    }

    /** Minimised objective vector: latency, negated quality and, if an objective, parameters. */
    double[] objectives(Candidate candidate) {
        return problem.minimiseParameters()
                ? new double[] {candidate.latencyMs(), -candidate.quality(), candidate.denoiserParameters()}
                : new double[] {candidate.latencyMs(), -candidate.quality()};
    }

    double[] reference() {
        var reference = problem.reference();
        return problem.minimiseParameters()
                ? new double[] {reference.latencyMs(), -reference.quality(), reference.denoiserParameters()}
                : new double[] {reference.latencyMs(), -reference.quality()};
    }

    private static boolean weaklyDominates(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
        }
        return true;
    }
}

package dev.tenshot.search;

import dev.tenshot.space.mmdit.MmditConfig;
import io.jenetics.Alterer;
import io.jenetics.Chromosome;
import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Mutator;
import io.jenetics.Phenotype;
import io.jenetics.UniformCrossover;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * NSGA-II over a {@link SearchProblem} with Jenetics.
 *
 * <p>Elitist (mu + lambda) NSGA-II on Jenetics' genotype and operators: each generation picks {@code 0.6 *
 * population} parents by crowded binary tournament, recombines them (uniform crossover, then mutation), and keeps the
 * best {@code population} of parents and offspring together by non-dominated rank, then crowding distance (see
 * {@link Ranking}). Ranking uses constrained domination (feasible before infeasible, infeasible by total violation),
 * so infeasible candidates stay in the population. Jenetics' own engine is not used: it keeps survivors from the
 * parents only, so a generation's offspring replace 60% of the population whatever their rank.
 *
 * <p>Every offspring is a config the search has not seen: a repeat has random genes re-drawn until it is new, so no
 * evaluation is spent twice. A budget thus costs {@code population + generations * 0.6 * population} evaluations
 * (200 and 165: 20,000).
 *
 * <p>Each evaluation pass sends its new configs to the {@link LatencyEstimator} in one call; results are cached by
 * config. Runs are reproducible: the seed scopes Jenetics' random registry and all work runs on the calling thread.
 */
public final class ParetoSearch {

    /**
     * Uniform crossover on 90% of pairs and about one mutated gene per genotype: the best of a small sweep on the
     * additive test problem (hypervolume vs the exact front near 20,000 evaluations: 0.994, against about 0.99 with
     * crossover 0.3 to 0.8 and 0.984 with half a mutated gene).
     */
    private static final double CROSSOVER_PROBABILITY = 0.9;

    /** Offspring per generation as a fraction of the population (Jenetics' default offspring fraction). */
    private static final double OFFSPRING_FRACTION = 0.6;

    /** Gene re-draws tried to turn an already seen config into a new one. */
    private static final int NOVELTY_ATTEMPTS = 32;

    private ParetoSearch() {}

    /**
     * Runs the search to the end of its budget.
     *
     * @param seed the only source of randomness; the same seed and inputs give the same result
     * @param progress called after every generation on the calling thread
     * @throws IllegalStateException if the estimator returns the wrong number of latencies or constraint latencies,
     *     or a negative or non-finite one
     */
    public static SearchResult run(
            SearchProblem problem, SearchBudget budget, long seed, Consumer<SearchProgress> progress) {
        return run(problem, budget, seed, List.of(), progress, () -> false);
    }

    /**
     * Runs the search from an initial population that holds the given configs (the rest drawn at random), for
     * example configs measured on the device, which then compete at their measured latency, until the budget is
     * spent or the run is cancelled.
     *
     * @param start distinct configs of the problem's space; at most {@code budget.population()} are used, in order
     * @param cancelled asked on the calling thread before every generation; once it answers true the run stops
     *     without estimating another latency
     * @throws CancellationException if {@code cancelled} answered true; a cancelled run has no result, as its front
     *     would be whatever the generations so far happened to reach
     * @throws IllegalArgumentException if a start config does not fit the space's depth, stages or step limit
     */
    public static SearchResult run(
            SearchProblem problem,
            SearchBudget budget,
            long seed,
            List<MmditConfig> start,
            Consumer<SearchProgress> progress,
            BooleanSupplier cancelled) {
        var codec = MmditCodec.of(problem.space());
        var genotypes =
                start.stream().limit(budget.population()).map(codec.encoder()).toList();
        return RandomRegistry.with(new SplittableRandom(seed))
                .call(() -> evolve(problem, budget, codec, genotypes, progress, cancelled));
    }

    private static SearchResult evolve(
            SearchProblem problem,
            SearchBudget budget,
            MmditCodec codec,
            List<Genotype<IntegerGene>> start,
            Consumer<SearchProgress> progress,
            BooleanSupplier cancelled) {
        var scorer = new Scorer(problem, codec);
        var encoding = codec.encoding();
        int genes = encoding.newInstance().geneCount();
        int size = budget.population();
        int offspringCount = Math.max(1, (int) Math.round(OFFSPRING_FRACTION * size));
        Alterer<IntegerGene, Fitness> alterer =
                new UniformCrossover<IntegerGene, Fitness>(CROSSOVER_PROBABILITY).andThen(new Mutator<>(1.0 / genes));

        var initial = new ArrayList<Phenotype<IntegerGene, Fitness>>(size);
        var initialConfigs = new ArrayList<@Nullable MmditConfig>(size);
        for (int i = 0; i < size; i++) {
            var genotype = i < start.size() ? start.get(i) : encoding.newInstance();
            initial.add(Phenotype.of(novel(genotype, codec, scorer, new HashSet<>(), initialConfigs), 1));
        }
        var population = new ArrayList<>(scorer.eval(initial, initialConfigs).asList());
        var ranking = Ranking.of(fitnesses(population));
        var random = RandomRegistry.random();
        var history = new ArrayList<SearchProgress>(budget.generations());
        for (long generation = 1; generation <= budget.generations(); generation++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("search cancelled before generation " + generation);
            }
            var parents = new ArrayList<Phenotype<IntegerGene, Fitness>>(offspringCount);
            for (int i = 0; i < offspringCount; i++) {
                parents.add(population.get(ranking.tournament(random)));
            }
            var altered = alterer.alter(ISeq.of(parents), generation).population();
            var batch = new HashSet<MmditConfig>();
            var configs = new ArrayList<@Nullable MmditConfig>(altered.size());
            var offspring = new ArrayList<Phenotype<IntegerGene, Fitness>>(altered.size());
            for (var child : altered) {
                offspring.add(Phenotype.of(novel(child.genotype(), codec, scorer, batch, configs), generation));
            }
            var union = new ArrayList<>(population);
            union.addAll(scorer.eval(offspring, configs).asList());
            var unionRanking = Ranking.of(fitnesses(union));
            var survivors = unionRanking.best(size);
            population = new ArrayList<>(size);
            for (int index : survivors) {
                population.add(union.get(index));
            }
            ranking = unionRanking.restrictedTo(survivors);
            var step = new SearchProgress(generation, scorer.evaluations(), scorer.frontSize(), scorer.hypervolume());
            history.add(step);
            progress.accept(step);
        }
        return new SearchResult(scorer.front(), history);
    }

    private static List<Fitness> fitnesses(List<Phenotype<IntegerGene, Fitness>> phenotypes) {
        return phenotypes.stream().map(Phenotype::fitness).toList();
    }

    /**
     * The genotype itself if its config is new to the search and to this batch, else a copy with random genes
     * re-drawn until it is (at most {@link #NOVELTY_ATTEMPTS} times): a repeated config would spend an evaluation on
     * nothing. The returned genotype's config is added to {@code batch} and {@code decoded}.
     */
    private static Genotype<IntegerGene> novel(
            Genotype<IntegerGene> genotype,
            MmditCodec codec,
            Scorer scorer,
            Set<MmditConfig> batch,
            List<@Nullable MmditConfig> decoded) {
        var random = RandomRegistry.random();
        var candidate = genotype;
        var config = codec.decode(candidate);
        for (int attempt = 0;
                attempt < NOVELTY_ATTEMPTS && (scorer.seen(config) || batch.contains(config));
                attempt++) {
            int c = random.nextInt(candidate.length());
            var chromosome = candidate.get(c);
            var redrawn = new ArrayList<IntegerGene>(chromosome.length());
            int g = random.nextInt(chromosome.length());
            for (int i = 0; i < chromosome.length(); i++) {
                redrawn.add(i == g ? chromosome.get(i).newInstance() : chromosome.get(i));
            }
            var chromosomes = new ArrayList<Chromosome<IntegerGene>>(candidate.length());
            for (int i = 0; i < candidate.length(); i++) {
                chromosomes.add(i == c ? chromosome.newInstance(ISeq.of(redrawn)) : candidate.get(i));
            }
            candidate = Genotype.of(chromosomes);
            config = codec.decode(candidate);
        }
        batch.add(config);
        decoded.add(config);
        return candidate;
    }
}

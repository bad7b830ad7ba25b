package dev.tenshot.service.search;

import dev.tenshot.search.LatencyEstimator;
import dev.tenshot.search.QualityModel;
import dev.tenshot.search.ReferencePoint;
import dev.tenshot.search.SearchBudget;
import dev.tenshot.search.SearchConstraints;
import dev.tenshot.search.SearchProblem;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import dev.tenshot.space.mmdit.Precision;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A search request with every default filled in, in one place: what a job's submission checks and each of its rounds
 * searches. {@link #problem} maps it to the search library's problem.
 *
 * @param sizeObjective whether the weights' size is a third objective ({@code parameters} or {@code memory})
 * @param constraints the budget, minimum quality and kept blocks; no parameter limit (that needs the devices)
 * @param memoryBudgetBytes the denoiser's weights at each device's precision fit in this; null for no budget
 * @param qualityMetric the metric whose evaluations the quality proxy is refitted to; null for the illustrative proxy
 */
record SearchSpec(
        List<UUID> devices,
        boolean sizeObjective,
        SearchConstraints constraints,
        @Nullable Double memoryBudgetBytes,
        SearchBudget budget,
        long seed,
        @Nullable String qualityMetric,
        SearchJobRequest.RoundSettings rounds) {

    static final int DEFAULT_POPULATION = 200;
    static final int DEFAULT_GENERATIONS = 250;
    static final long DEFAULT_SEED = 1;

    SearchSpec {
        devices = List.copyOf(devices);
    }

    /** The spec of a request (already checked by Bean Validation), its defaults filled in. */
    static SearchSpec of(SearchJobRequest request) {
        var limits = request.constraints();
        var constraints = limits == null
                ? SearchConstraints.none()
                : new SearchConstraints(
                        limits.latencyBudgetMs() == null ? Double.POSITIVE_INFINITY : limits.latencyBudgetMs(),
                        limits.minQuality() == null ? Double.NEGATIVE_INFINITY : limits.minQuality(),
                        limits.minKeptBlocks() == null ? 1 : limits.minKeptBlocks());
        var budget = request.budget();
        return new SearchSpec(
                request.devices(),
                request.objectives().contains("parameters")
                        || request.objectives().contains("memory"),
                constraints,
                limits == null ? null : limits.memoryBudgetBytes(),
                new SearchBudget(
                        budget == null || budget.population() == null ? DEFAULT_POPULATION : budget.population(),
                        budget == null || budget.generations() == null ? DEFAULT_GENERATIONS : budget.generations()),
                request.seed() == null ? DEFAULT_SEED : request.seed(),
                request.qualityMetric(),
                request.roundSettings());
    }

    /**
     * The problem a round searches: this spec's constraints, the memory budget as a parameter count (the smallest
     * over the devices' precisions, one per device in {@link #devices} order), and a reference point 10% beyond the
     * unpruned model's latency and size, so that every config at least as good counts towards the hypervolume.
     */
    SearchProblem problem(
            MmditPruningSpace space, LatencyEstimator latency, QualityModel quality, List<Precision> precisions) {
        double maxParameters = Double.POSITIVE_INFINITY;
        if (memoryBudgetBytes != null) {
            for (Precision precision : precisions) {
                maxParameters = Math.min(maxParameters, memoryBudgetBytes / precision.weightBytes());
            }
        }
        var limited = new SearchConstraints(
                constraints.latencyBudgetMs(), constraints.minQuality(), constraints.minKeptBlocks(), maxParameters);
        MmditConfig full = MmditConfig.full(space.base());
        double fullLatency = latency.estimateMs(List.of(full))[0];
        var reference =
                new ReferencePoint(1.1 * fullLatency, 0, 1.1 * space.costs().denoiserParameters(full));
        return new SearchProblem(space, latency, quality, limited, sizeObjective, reference);
    }
}

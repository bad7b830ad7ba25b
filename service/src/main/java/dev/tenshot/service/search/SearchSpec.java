package dev.tenshot.service.search;

import dev.tenshot.predictor.PeakMemoryModel;
import dev.tenshot.search.LatencyEstimator;
import dev.tenshot.search.PeakMemoryLimit;
import dev.tenshot.search.QualityModel;
import dev.tenshot.search.ReferencePoint;
import dev.tenshot.search.SearchBudget;
import dev.tenshot.search.SearchConstraints;
import dev.tenshot.search.SearchProblem;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import dev.tenshot.space.mmdit.Precision;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A search request with every default filled in, in one place: what a job's submission checks and each of its rounds
 * searches. {@link #problem} maps it to the search library's problem.
 *
 * @param sizeObjective whether the weights' size is a third objective ({@code parameters} or {@code memory})
 * @param constraints the budget, minimum quality and kept blocks; no parameter limit (that needs the devices)
 * @param memoryBudgetBytes the denoiser's weights at each device's precision fit in this; null for no budget
 * @param peakMemoryBudgetBytes each device's peak memory, at its fit's bound, stays within this; null for no budget
 * @param qualityMetric the metric whose evaluations the quality proxy is refitted to; null for the illustrative proxy
 */
record SearchSpec(
        List<UUID> devices,
        boolean sizeObjective,
        SearchConstraints constraints,
        @Nullable Double memoryBudgetBytes,
        @Nullable Double peakMemoryBudgetBytes,
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
                limits == null ? null : limits.peakMemoryBudgetBytes(),
                new SearchBudget(
                        budget == null || budget.population() == null ? DEFAULT_POPULATION : budget.population(),
                        budget == null || budget.generations() == null ? DEFAULT_GENERATIONS : budget.generations()),
                request.seed() == null ? DEFAULT_SEED : request.seed(),
                request.qualityMetric(),
                request.roundSettings());
    }

    /**
     * The problem a round searches: this spec's constraints; the weights' memory budget as a parameter count (the
     * smallest over the devices' precisions, one per device in {@link #devices} order); the peak memory budget against
     * the worst of the devices' peak memory bounds; and a reference point 10% beyond the unpruned model's latency and
     * size, so that every config at least as good counts towards the hypervolume.
     *
     * @param peakMemory each device's peak memory model; needed, present, only with a peak memory budget
     */
    SearchProblem problem(
            MmditPruningSpace space,
            LatencyEstimator latency,
            QualityModel quality,
            List<Precision> precisions,
            List<Optional<PeakMemoryModel>> peakMemory) {
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
        return new SearchProblem(
                space, latency, quality, limited, sizeObjective, reference, peakMemoryLimit(space, peakMemory));
    }

    private PeakMemoryLimit peakMemoryLimit(MmditPruningSpace space, List<Optional<PeakMemoryModel>> peakMemory) {
        if (peakMemoryBudgetBytes == null) {
            return PeakMemoryLimit.none();
        }
        List<PeakMemoryModel> models = peakMemory.stream()
                .map(fitted -> fitted.orElseThrow(
                        () -> new IllegalStateException("a peak memory budget over a device without measured peaks")))
                .toList();
        return new PeakMemoryLimit(
                config -> {
                    double parameters = space.costs().denoiserParameters(config);
                    double activations = space.costs().peakActivationValues(config);
                    double worst = 0;
                    for (PeakMemoryModel model : models) {
                        worst = Math.max(worst, model.boundBytes(parameters, activations));
                    }
                    return worst;
                },
                peakMemoryBudgetBytes);
    }
}

package dev.tenshot.search;

import dev.tenshot.space.mmdit.MmditPruningSpace;

/**
 * What to search: the space, how configs are scored and what is allowed.
 *
 * <p>Objectives: latency (minimise) and quality (maximise); with {@code minimiseParameters} also the denoiser's
 * parameter count (minimise).
 *
 * @param space the pruning space
 * @param latency scores a generation's configs in one batched call
 * @param quality the quality proxy; its depth and stages must match the space
 * @param constraints limits enforced by constrained domination
 * @param minimiseParameters true to add the denoiser parameter count as a third objective
 * @param reference hypervolume reference point
 * @param peakMemory a limit on each config's peak memory, enforced like the constraints
 */
public record SearchProblem(
        MmditPruningSpace space,
        LatencyEstimator latency,
        QualityModel quality,
        SearchConstraints constraints,
        boolean minimiseParameters,
        ReferencePoint reference,
        PeakMemoryLimit peakMemory) {

    /** Without a peak memory limit. */
    public SearchProblem(
            MmditPruningSpace space,
            LatencyEstimator latency,
            QualityModel quality,
            SearchConstraints constraints,
            boolean minimiseParameters,
            ReferencePoint reference) {
        this(space, latency, quality, constraints, minimiseParameters, reference, PeakMemoryLimit.none());
    }

    public SearchProblem {
        if (quality.blockImportance().size() != space.depth()
                || quality.stepCost().size() != space.base().pyramid().stages()) {
            throw new IllegalArgumentException("quality model does not match space " + space.name() + ": depth "
                    + quality.blockImportance().size() + ", stages "
                    + quality.stepCost().size());
        }
    }

    /** Number of objectives: 2, or 3 with parameters. */
    public int objectives() {
        return minimiseParameters ? 3 : 2;
    }
}

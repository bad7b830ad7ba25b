package dev.tenshot.search;

import dev.tenshot.space.mmdit.BaseModel;
import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An additive quality proxy: the unpruned model scores 1, and each pruning decision subtracts a fixed loss.
 *
 * <pre>
 * quality = 1 - sum over dropped blocks b of blockImportance[b]
 *             - sum over kept blocks b of blockImportance[b] * widthPenalty[width of b]
 *             - sum over stages s of stepCost[s] * max(0, defaultSteps[s] - steps[s])
 * </pre>
 *
 * Steps above the default add nothing. Being additive, the model lets {@code internal.ExactFront} compute the true
 * front when latency is additive too.
 *
 * @param blockImportance quality lost when block b is dropped, one entry per block, each {@code >= 0}
 * @param widthPenalty fraction of a kept block's importance lost at each MLP width, in [0, 1], 0 for {@code FULL}
 * @param stepCost quality lost per step below the default, one entry per pyramid stage, each {@code >= 0}
 * @param defaultSteps the base model's steps per stage
 */
public record QualityModel(
        List<Double> blockImportance,
        Map<MlpWidth, Double> widthPenalty,
        List<Double> stepCost,
        List<Integer> defaultSteps) {

    public QualityModel {
        blockImportance = List.copyOf(blockImportance);
        widthPenalty = Map.copyOf(widthPenalty);
        stepCost = List.copyOf(stepCost);
        defaultSteps = List.copyOf(defaultSteps);
        if (blockImportance.isEmpty() || blockImportance.stream().anyMatch(v -> !(v >= 0))) {
            throw new IllegalArgumentException("blockImportance must be non-empty and >= 0: " + blockImportance);
        }
        for (MlpWidth width : MlpWidth.values()) {
            Double penalty = widthPenalty.get(width);
            if (penalty == null || !(penalty >= 0 && penalty <= 1)) {
                throw new IllegalArgumentException(
                        "widthPenalty needs a value in [0, 1] for " + width + ": " + widthPenalty);
            }
        }
        if (stepCost.size() != defaultSteps.size() || stepCost.stream().anyMatch(v -> !(v >= 0))) {
            throw new IllegalArgumentException(
                    "stepCost must be >= 0 with one entry per stage: " + stepCost + " vs " + defaultSteps);
        }
    }

    /**
     * An illustrative default. No published per-block quality table exists for this model, so the numbers are made
     * up to have the right shape: block importance is U-shaped over depth (the first and last blocks matter most,
     * middle blocks least), as in the block-importance curves reported for DiT and MMDiT depth pruning; narrower
     * MLPs lose a growing share of a block's importance; a missing step costs more at finer pyramid stages. Dropping
     * everything that can be dropped costs about 0.4, cutting every stage to one step about 0.25.
     *
     * @param depth number of joint blocks, {@code >= 1}
     * @param pyramid the base model's pyramid (stages and default steps)
     */
    public static QualityModel illustrative(int depth, BaseModel.Pyramid pyramid) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1: " + depth);
        }
        var importance = new ArrayList<Double>(depth);
        for (int block = 0; block < depth; block++) {
            double x = depth == 1 ? 0 : (double) block / (depth - 1);
            double u = 2 * x - 1;
            importance.add(0.004 + 0.036 * u * u);
        }
        var penalty = new EnumMap<MlpWidth, Double>(MlpWidth.class);
        penalty.put(MlpWidth.QUARTER, 0.5);
        penalty.put(MlpWidth.HALF, 0.3);
        penalty.put(MlpWidth.THREE_QUARTERS, 0.12);
        penalty.put(MlpWidth.FULL, 0.0);
        int stages = pyramid.stages();
        var stepCost = new ArrayList<Double>(stages);
        for (int stage = 0; stage < stages; stage++) {
            stepCost.add(0.004 * Math.pow(2, stage));
        }
        return new QualityModel(importance, penalty, stepCost, pyramid.defaultSteps());
    }

    /** Quality lost by a block: its importance if dropped, else the width penalty share of it. */
    public double blockLoss(int block, boolean kept, MlpWidth width) {
        double importance = blockImportance.get(block);
        return kept ? importance * Objects.requireNonNull(widthPenalty.get(width)) : importance;
    }

    /** Quality lost at a pyramid stage run for {@code steps} steps. */
    public double stepLoss(int stage, int steps) {
        return stepCost.get(stage) * Math.max(0, defaultSteps.get(stage) - steps);
    }

    /**
     * The quality of a config, 1 for the unpruned model.
     *
     * @throws IllegalArgumentException if the config's depth or stage count does not match the model
     */
    public double quality(MmditConfig config) {
        if (config.depth() != blockImportance.size() || config.steps().size() != stepCost.size()) {
            throw new IllegalArgumentException("config has depth " + config.depth() + " and "
                    + config.steps().size() + " stages; model has " + blockImportance.size() + " and "
                    + stepCost.size());
        }
        double loss = 0;
        for (int block = 0; block < config.depth(); block++) {
            loss += blockLoss(
                    block, config.keep().get(block), config.mlpWidths().get(block));
        }
        for (int stage = 0; stage < stepCost.size(); stage++) {
            loss += stepLoss(stage, config.steps().get(stage));
        }
        return 1 - loss;
    }

    /**
     * A config's measured quality relative to the unpruned model's: 1 is as good, 0.9 ten percent worse (for a
     * metric where lower is better, the unpruned model's value over the config's).
     */
    public record Evaluation(MmditConfig config, double relativeQuality) {}

    /**
     * This model with every loss scaled by the factor {@code s} that fits the evaluations best: least squares in
     * {@code 1 - measured = s (1 - this model's quality)}, never below zero. The shape (which blocks, widths and steps
     * matter most) stays; only how much quality pruning costs is learned, so a few evaluations are enough. Without
     * evaluations the model is returned as it is.
     */
    public QualityModel fittedTo(List<Evaluation> evaluations) {
        double numerator = 0;
        double denominator = 0;
        for (Evaluation evaluation : evaluations) {
            double loss = 1 - quality(evaluation.config());
            numerator += loss * (1 - evaluation.relativeQuality());
            denominator += loss * loss;
        }
        double factor = denominator == 0 ? 1 : Math.max(0, numerator / denominator);
        return new QualityModel(
                blockImportance.stream().map(v -> v * factor).toList(),
                widthPenalty,
                stepCost.stream().map(v -> v * factor).toList(),
                defaultSteps);
    }
}

package dev.tenshot.search;

import dev.tenshot.search.internal.ExactFront;
import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency additive over blocks and steps, so that with the additive {@link QualityModel} the exact front is
 * computable; records every call. Public and in the test-jar: the tools module's search benchmark uses it too.
 */
public final class AdditiveLatency implements LatencyEstimator {

    final List<List<MmditConfig>> calls = new ArrayList<>();

    public double blockMs(int block, MlpWidth width) {
        return (2.0 + 3.0 * width.fraction()) * (1 + 0.1 * Math.sin(block));
    }

    public double stepMs(int stage) {
        return 5.0 * Math.pow(4, stage);
    }

    public double latencyMs(MmditConfig config) {
        double total = 0;
        for (int block = 0; block < config.depth(); block++) {
            if (config.keep().get(block)) {
                total += blockMs(block, config.mlpWidths().get(block));
            }
        }
        for (int stage = 0; stage < config.steps().size(); stage++) {
            total += stepMs(stage) * config.steps().get(stage);
        }
        return total;
    }

    @Override
    public double[] estimateMs(List<MmditConfig> configs) {
        calls.add(List.copyOf(configs));
        return configs.stream().mapToDouble(this::latencyMs).toArray();
    }

    /** The exact front of this latency and the quality's loss, {@code {latencyMs, loss}} by latency ascending. */
    public List<double[]> exactFront(MmditPruningSpace space, QualityModel quality) {
        var decisions = new ArrayList<List<double[]>>();
        int depth = space.depth();
        for (int block = 0; block < depth; block++) {
            var options = new ArrayList<double[]>();
            if (block < depth - 1) {
                options.add(new double[] {0, quality.blockLoss(block, false, MlpWidth.FULL)});
            }
            for (MlpWidth width : MlpWidth.values()) {
                options.add(new double[] {blockMs(block, width), quality.blockLoss(block, true, width)});
            }
            decisions.add(options);
        }
        var pyramid = space.base().pyramid();
        for (int stage = 0; stage < pyramid.stages(); stage++) {
            var options = new ArrayList<double[]>();
            for (int steps = 1; steps <= pyramid.maxStepsPerStage(); steps++) {
                options.add(new double[] {stepMs(stage) * steps, quality.stepLoss(stage, steps)});
            }
            decisions.add(options);
        }
        return ExactFront.of(decisions);
    }
}

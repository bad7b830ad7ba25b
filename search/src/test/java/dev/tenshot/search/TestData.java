package dev.tenshot.search;

import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.util.ArrayList;
import java.util.List;

final class TestData {

    static final MmditPruningSpace SPACE = MmditPruningSpace.neodragon();

    private TestData() {}

    static QualityModel quality() {
        return QualityModel.illustrative(SPACE.depth(), SPACE.base().pyramid());
    }

    /** Latency additive over blocks and steps, so the exact front is computable; records every call. */
    static final class AdditiveLatency implements LatencyEstimator {

        final List<List<MmditConfig>> calls = new ArrayList<>();

        double blockMs(int block, MlpWidth width) {
            return (2.0 + 3.0 * width.fraction()) * (1 + 0.1 * Math.sin(block));
        }

        double stepMs(int stage) {
            return 5.0 * Math.pow(4, stage);
        }

        double latencyMs(MmditConfig config) {
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
    }

    static double fullLatencyMs(AdditiveLatency latency) {
        return latency.latencyMs(MmditConfig.full(SPACE.base()));
    }

    static SearchProblem problem(AdditiveLatency latency, SearchConstraints constraints) {
        return new SearchProblem(
                SPACE,
                latency,
                quality(),
                constraints,
                false,
                new ReferencePoint(1.1 * fullLatencyMs(latency), 0.0, 0.0));
    }
}

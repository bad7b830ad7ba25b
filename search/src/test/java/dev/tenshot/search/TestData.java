package dev.tenshot.search;

import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;

final class TestData {

    static final MmditPruningSpace SPACE = MmditPruningSpace.neodragon();

    private TestData() {}

    static QualityModel quality() {
        return QualityModel.illustrative(SPACE.depth(), SPACE.base().pyramid());
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

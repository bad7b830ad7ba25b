package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.search.SearchConstraints;
import dev.tenshot.service.measurement.MeasuredConfig;
import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RoundLatencyTest {

    private static final MmditPruningSpace SPACE = MmditPruningSpace.neodragon();
    private static final MmditConfig FULL = MmditConfig.full(SPACE.base());
    private static final MmditConfig PRUNED = pruned(6);
    private static final MmditConfig SMALLER = pruned(12);

    @Test
    void usesTheMeasuredMedianForObjectiveAndConstraintWhereTheDeviceMeasuredTheConfig() {
        var device = device(ms -> ms, ms -> 1.3 * ms, Map.of(PRUNED, 40.0));
        var latency = new RoundLatency(List.of(device), RoundLatencyTest::features);
        var configs = List.of(FULL, PRUNED);

        double[] objective = latency.estimateMs(configs);
        double[] constraint = latency.constraintMs(configs, objective);

        assertThat(objective).containsExactly(predicted(FULL), 40.0);
        assertThat(constraint).containsExactly(1.3 * predicted(FULL), 40.0);
    }

    @Test
    void takesTheWorstCaseOverDevicesOfObjectiveAndConstraintApart() {
        var wide = device(ms -> ms, ms -> 2.0 * ms, Map.of());
        var slowButMeasured = device(ms -> 1.5 * ms, ms -> 1.6 * ms, Map.of(PRUNED, 0.8 * predicted(PRUNED)));
        var latency = new RoundLatency(List.of(wide, slowButMeasured), RoundLatencyTest::features);
        var configs = List.of(PRUNED, SMALLER);

        double[] objective = latency.estimateMs(configs);
        double[] constraint = latency.constraintMs(configs, objective);

        assertThat(objective).containsExactly(predicted(PRUNED), 1.5 * predicted(SMALLER));
        assertThat(constraint).containsExactly(2.0 * predicted(PRUNED), 2.0 * predicted(SMALLER));
        assertThat(latency.constraintMsOn(1, configs))
                .containsExactly(0.8 * predicted(PRUNED), 1.6 * predicted(SMALLER));
    }

    @Test
    void aConfigMeasuredOverTheBudgetIsInfeasibleWhateverItsPrediction() {
        double budgetMs = 0.9 * predicted(FULL);
        var device = device(ms -> 0.5 * ms, ms -> 0.6 * ms, Map.of(FULL, 1.2 * predicted(FULL)));
        var latency = new RoundLatency(List.of(device), RoundLatencyTest::features);
        var constraints = new SearchConstraints(budgetMs, Double.NEGATIVE_INFINITY, 1);

        double[] objective = latency.estimateMs(List.of(FULL, PRUNED));
        double[] constraint = latency.constraintMs(List.of(FULL, PRUNED), objective);

        assertThat(constraints.violation(constraint[0], 1, FULL.keptBlocks(), 0))
                .as("measured over budget")
                .isPositive();
        assertThat(constraints.violation(constraint[1], 1, PRUNED.keptBlocks(), 0))
                .as("predicted within")
                .isZero();
    }

    @Test
    void takesTheMedianOfEachConfigsMeasurementsByContentHash() {
        var measurements = new ArrayList<MeasuredConfig>();
        for (double ms : new double[] {30, 10, 40, 20}) {
            measurements.add(measured(PRUNED, ms));
        }
        measurements.add(measured(FULL, 99));
        var widthOfADroppedBlock = new ArrayList<>(PRUNED.mlpWidths());
        widthOfADroppedBlock.set(0, MlpWidth.HALF);
        var samePruning = new MmditConfig(PRUNED.keep(), widthOfADroppedBlock, PRUNED.steps());

        Map<String, Double> byHash = RoundLatency.medians(measurements);
        Map<MmditConfig, Double> byConfig = RoundLatency.byConfig(measurements, SPACE);

        assertThat(byHash).containsOnly(Map.entry(PRUNED.contentHash(), 25.0), Map.entry(FULL.contentHash(), 99.0));
        assertThat(byConfig).containsOnly(Map.entry(PRUNED, 25.0), Map.entry(FULL, 99.0));
        assertThat(byConfig.get(samePruning))
                .as("a dropped block's width means nothing")
                .isEqualTo(25.0);
    }

    /** A predictor stand-in: the latency is the config's first feature (its kept blocks) times 10 ms. */
    private static double[] features(MmditConfig config) {
        return new double[] {config.keptBlocks()};
    }

    private static double predicted(MmditConfig config) {
        return 10.0 * config.keptBlocks();
    }

    private static RoundLatency.Device device(
            Function<Double, Double> predicted, Function<Double, Double> bound, Map<MmditConfig, Double> measured) {
        return new RoundLatency.Device(
                rows -> Arrays.stream(rows)
                        .mapToDouble(r -> predicted.apply(10.0 * r[0]))
                        .toArray(),
                rows -> Arrays.stream(rows)
                        .mapToDouble(r -> bound.apply(10.0 * r[0]))
                        .toArray(),
                measured);
    }

    private static MmditConfig pruned(int dropped) {
        var keep = new ArrayList<>(Collections.nCopies(SPACE.depth(), true));
        for (int block = 0; block < dropped; block++) {
            keep.set(block, false);
        }
        return new MmditConfig(
                keep,
                Collections.nCopies(SPACE.depth(), MlpWidth.FULL),
                SPACE.base().pyramid().defaultSteps());
    }

    private static MeasuredConfig measured(MmditConfig config, double ms) {
        return new MeasuredConfig(1, config.toJson(), config.contentHash(), ms);
    }
}

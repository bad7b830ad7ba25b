package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tenshot.predictor.PeakMemoryModel;
import dev.tenshot.search.QualityModel;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import dev.tenshot.space.mmdit.Precision;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SearchSpecTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MmditPruningSpace SPACE = MmditPruningSpace.neodragon();
    private static final QualityModel QUALITY =
            QualityModel.illustrative(SPACE.depth(), SPACE.base().pyramid());
    private static final UUID DEVICE = UUID.fromString("0b8c3f6e-2a1d-4c59-9f3e-5d7a1b2c3d4e");

    @Test
    void fillsEveryDefaultOfAMinimalRequest() {
        SearchSpec spec = SearchSpec.of(
                request("{\"devices\": [\"" + DEVICE + "\"]," + " \"objectives\": [\"latency\", \"quality\"]}"));

        assertThat(spec.devices()).containsExactly(DEVICE);
        assertThat(spec.sizeObjective()).isFalse();
        assertThat(spec.constraints().latencyBudgetMs()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(spec.constraints().minQuality()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(spec.constraints().minKeptBlocks()).isEqualTo(1);
        assertThat(spec.memoryBudgetBytes()).isNull();
        assertThat(spec.budget().population()).isEqualTo(SearchSpec.DEFAULT_POPULATION);
        assertThat(spec.budget().generations()).isEqualTo(SearchSpec.DEFAULT_GENERATIONS);
        assertThat(spec.seed()).isEqualTo(SearchSpec.DEFAULT_SEED);
        assertThat(spec.rounds().verifies()).isFalse();
        assertThat(spec.rounds().maxRounds()).isEqualTo(1);
    }

    @Test
    void mapsConstraintsAndTheMemoryBudgetOfTheStrictestDevice() {
        SearchSpec spec = SearchSpec.of(request("{\"devices\": [\"" + DEVICE + "\", \"" + UUID.randomUUID() + "\"],"
                + " \"objectives\": [\"latency\", \"quality\", \"memory\"],"
                + " \"constraints\": {\"latencyBudgetMs\": 800, \"minQuality\": 0.7, \"minKeptBlocks\": 12,"
                + " \"memoryBudgetBytes\": 1000000000},"
                + " \"budget\": {\"population\": 40, \"generations\": 5}, \"seed\": 9}"));

        var problem = spec.problem(
                SPACE,
                configs -> fill(configs.size(), 100.0),
                QUALITY,
                List.of(Precision.W8A16, Precision.FP16),
                List.of(Optional.empty(), Optional.empty()));

        assertThat(spec.sizeObjective()).isTrue();
        assertThat(problem.minimiseParameters()).isTrue();
        assertThat(problem.constraints().latencyBudgetMs()).isEqualTo(800);
        assertThat(problem.constraints().minQuality()).isEqualTo(0.7);
        assertThat(problem.constraints().minKeptBlocks()).isEqualTo(12);
        // 2 bytes per weight on the FP16 device: half a billion parameters, not the W8A16 device's billion
        assertThat(problem.constraints().maxParameters()).isEqualTo(5e8);
        assertThat(spec.budget().population()).isEqualTo(40);
        assertThat(spec.seed()).isEqualTo(9);
    }

    @Test
    void setsTheReferencePointBeyondTheUnprunedModel() {
        SearchSpec spec = SearchSpec.of(
                request("{\"devices\": [\"" + DEVICE + "\"]," + " \"objectives\": [\"latency\", \"quality\"]}"));

        var problem = spec.problem(
                SPACE,
                configs -> fill(configs.size(), 100.0),
                QUALITY,
                List.of(Precision.FP32),
                List.of(Optional.empty()));

        assertThat(problem.reference().latencyMs()).isCloseTo(110.0, within(1e-9));
        assertThat(problem.constraints().maxParameters()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void checksAPeakMemoryBudgetAgainstTheWorstDevicesBound() {
        SearchSpec spec = SearchSpec.of(request("{\"devices\": [\"" + DEVICE + "\", \"" + UUID.randomUUID() + "\"],"
                + " \"objectives\": [\"latency\", \"quality\"],"
                + " \"constraints\": {\"peakMemoryBudgetBytes\": 4000000000}}"));
        // 1.0 GB + 2 bytes per parameter + 2 per activation value (+ 0.5 GB margin), and a device that holds more
        // besides (3.5 GB + 0.1 GB margin) but little per parameter: the worst case crosses over between them
        var first = new PeakMemoryModel(1.0e9, 2.0, 2.0, 0.5e9, 10);
        var second = new PeakMemoryModel(3.5e9, 0.1, 0.0, 0.1e9, 10);
        MmditConfig smallest = SPACE.smallest();
        MmditConfig full = MmditConfig.full(SPACE.base());

        var problem = spec.problem(
                SPACE,
                configs -> fill(configs.size(), 100.0),
                QUALITY,
                List.of(Precision.FP32, Precision.FP32),
                List.of(Optional.of(first), Optional.of(second)));

        assertThat(spec.peakMemoryBudgetBytes()).isEqualTo(4e9);
        assertThat(problem.constraints().maxParameters()).isInfinite();
        var bound = problem.peakMemory().boundBytes();
        assertThat(bound.applyAsDouble(smallest))
                .as("the second device's bound")
                .isEqualTo(bound(second, smallest));
        assertThat(bound.applyAsDouble(full)).as("the first device's bound").isEqualTo(bound(first, full));
        assertThat(bound(first, smallest)).isLessThan(bound(second, smallest));
        assertThat(bound(second, full)).isLessThan(bound(first, full));
        assertThat(problem.peakMemory().violation(smallest)).isZero();
        assertThat(problem.peakMemory().violation(full)).isCloseTo((bound(first, full) - 4e9) / 4e9, within(1e-12));
        assertThatThrownBy(() -> spec.problem(
                        SPACE,
                        configs -> fill(configs.size(), 100.0),
                        QUALITY,
                        List.of(Precision.FP32, Precision.FP32),
                        List.of(Optional.of(first), Optional.empty())))
                .isInstanceOf(IllegalStateException.class);
    }

    private static double bound(PeakMemoryModel model, MmditConfig config) {
        return model.boundBytes(
                SPACE.costs().denoiserParameters(config), SPACE.costs().peakActivationValues(config));
    }

    private static double[] fill(int size, double value) {
        double[] values = new double[size];
        java.util.Arrays.fill(values, value);
        return values;
    }

    private static SearchJobRequest request(String json) {
        return JSON.readValue(json, SearchJobRequest.class);
    }
}

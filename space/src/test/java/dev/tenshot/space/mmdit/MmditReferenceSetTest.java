package dev.tenshot.space.mmdit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.space.SpaceConfig;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MmditReferenceSetTest {

    private final MmditPruningSpace space = MmditPruningSpace.neodragon();

    @Test
    void keepsTheFirstReleasesSetAsVersionOneInRisingCost() {
        List<SpaceConfig> first = space.referenceSets().get(1);
        List<Double> flops = first.stream()
                .map(c -> space.costs().pipeline(space.cast(c), Precision.FP16).denoiserFlops())
                .toList();

        assertThat(first).hasSize(10);
        assertThat(flops).isSorted().doesNotHaveDuplicates();
        assertThat(space.referenceSets().keySet()).containsExactly(1, 2);
        assertThat(space.referenceConfigs()).isEqualTo(space.referenceSets().get(2));
    }

    @Test
    void choosesTenDistinctConfigs() {
        assertThat(space.referenceConfigs()).hasSize(10);
        assertThat(space.referenceConfigs().stream()
                        .map(SpaceConfig::contentHash)
                        .distinct())
                .hasSize(10);
    }

    @Test
    void spansTheSmallestAndTheFullConfig() {
        var reference = space.referenceConfigs().stream().map(space::cast).toList();
        var full = MmditConfig.full(space.base());

        assertThat(reference.getFirst().keptBlocks()).isEqualTo(1);
        assertThat(reference.getFirst().steps()).containsOnly(1);
        assertThat(reference.getFirst().mlpWidths().getLast())
                .as("its one kept block")
                .isEqualTo(MlpWidth.QUARTER);
        assertThat(reference.get(1).keep()).isEqualTo(full.keep());
        assertThat(reference.get(1).mlpWidths()).isEqualTo(full.mlpWidths());
        assertThat(reference.get(1).steps()).containsOnly(space.base().pyramid().maxStepsPerStage());
    }

    /**
     * Where the search goes: for every feature, the set reaches below the 5th and above the 95th percentile of random
     * configs (version 1, FLOPs quantiles of random draws, does not).
     */
    @Test
    void reachesTheCornersOfEveryFeature() {
        var random = new SplittableRandom(5);
        double[][] sample = new double[2000][];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = space.features(space.sample(random));
        }
        for (int j = 0; j < space.featureNames().size(); j++) {
            int column = j;
            double[] values = Arrays.stream(sample)
                    .mapToDouble(row -> row[column])
                    .sorted()
                    .toArray();
            double low = values[values.length / 20];
            double high = values[values.length - 1 - values.length / 20];
            double[] reference = space.referenceConfigs().stream()
                    .mapToDouble(c -> space.features(c)[column])
                    .toArray();

            assertThat(Arrays.stream(reference).min().orElseThrow())
                    .as("lowest %s", space.featureNames().get(j))
                    .isLessThanOrEqualTo(low);
            assertThat(Arrays.stream(reference).max().orElseThrow())
                    .as("highest %s", space.featureNames().get(j))
                    .isGreaterThanOrEqualTo(high);
        }
    }

    @Test
    void namesTheVersionOfAStoredSet() {
        var hashes = space.referenceSets().get(1).stream()
                .map(SpaceConfig::contentHash)
                .toList();

        assertThat(space.referenceSetVersion(hashes)).contains(1);
        assertThat(space.referenceSetVersion(hashes.subList(0, 9))).isEmpty();
    }

    @Test
    void isTheSameOnEveryRun() {
        var again = new MmditPruningSpace(BaseModel.neodragon());

        assertThat(again.referenceSets()).isEqualTo(space.referenceSets());
    }
}

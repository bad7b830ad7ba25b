package dev.tenshot.space.mmdit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.space.SpaceConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class MmditReferenceSetTest {

    private final MmditPruningSpace space = MmditPruningSpace.neodragon();

    @Test
    void choosesTenDistinctConfigsInRisingCost() {
        List<Double> flops = space.referenceConfigs().stream()
                .map(c -> space.costs().pipeline(space.cast(c), Precision.FP16).denoiserFlops())
                .toList();

        assertThat(space.referenceConfigs()).hasSize(10);
        assertThat(space.referenceConfigs().stream()
                        .map(SpaceConfig::contentHash)
                        .distinct())
                .hasSize(10);
        assertThat(flops).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void spansTheCostRangeOfTheSpace() {
        double full = space.costs()
                .pipeline(MmditConfig.full(space.base()), Precision.FP16)
                .denoiserFlops();
        var reference = space.referenceConfigs();

        double cheapest = space.costs()
                .pipeline(space.cast(reference.getFirst()), Precision.FP16)
                .denoiserFlops();
        double dearest = space.costs()
                .pipeline(space.cast(reference.getLast()), Precision.FP16)
                .denoiserFlops();

        assertThat(cheapest / full).as("cheapest reference vs full model").isLessThan(0.05);
        assertThat(dearest / full).as("dearest reference vs full model").isGreaterThan(0.6);
    }

    @Test
    void isTheSameOnEveryRun() {
        var again = MmditReferenceSet.select(new MmditPruningSpace(BaseModel.neodragon()));

        assertThat(again).isEqualTo(space.referenceConfigs());
    }
}

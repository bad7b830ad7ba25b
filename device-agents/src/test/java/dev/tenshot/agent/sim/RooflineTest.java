package dev.tenshot.agent.sim;

import static dev.tenshot.agent.sim.TestData.DEFAULT_STEPS;
import static dev.tenshot.agent.sim.TestData.H100;
import static dev.tenshot.agent.sim.TestData.ORIN_NANO;
import static dev.tenshot.agent.sim.TestData.PHONE_NPU;
import static dev.tenshot.agent.sim.TestData.SPACE;
import static dev.tenshot.agent.sim.TestData.full;
import static dev.tenshot.agent.sim.TestData.lastBlocks;
import static dev.tenshot.agent.sim.TestData.roofline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RooflineTest {

    private static final int FINEST = 2;
    private static final int COARSEST = 0;

    @Test
    void listsEveryPipelineStageInOrder() {
        Roofline.Estimate estimate = roofline(PHONE_NPU).estimate(full());

        assertThat(estimate.stages())
                .extracting(Roofline.StageEstimate::stage)
                .containsExactly(
                        "textEncoder",
                        "firstFrameGenerator",
                        "denoiser0",
                        "denoiser1",
                        "denoiser2",
                        "vaeDecoder",
                        "superResolution");
        assertThat(estimate.stages())
                .filteredOn(stage -> stage.stage().startsWith("denoiser"))
                .extracting(Roofline.StageEstimate::calls)
                .as("10 steps with classifier-free guidance")
                .containsOnly(20);
        assertThat(estimate.endToEndMs())
                .isEqualTo(estimate.stages().stream()
                        .mapToDouble(Roofline.StageEstimate::totalMs)
                        .sum());
    }

    @Test
    void getsFasterWithEveryBlockDroppedOnEveryDevice() {
        var random = new SplittableRandom(7);
        var order = new ArrayList<Integer>();
        for (int block = 0; block < SPACE.depth() - 1; block++) {
            order.add(block);
        }
        java.util.Collections.shuffle(order, random);

        for (SimDevice device : DeviceZoo.builtIn().devices()) {
            var roofline = new Roofline(device, SPACE);
            var keep = new ArrayList<>(full().keep());
            double previous = roofline.estimate(full()).endToEndMs();
            for (int block : order) {
                keep.set(block, false);
                double latency = roofline.estimate(withKeep(keep)).endToEndMs();

                assertThat(latency)
                        .as("%s after dropping block %d", device.id(), block)
                        .isLessThan(previous);
                previous = latency;
            }
        }
    }

    @Test
    void getsFasterWithNarrowerMlpsOnEveryDevice() {
        for (SimDevice device : DeviceZoo.builtIn().devices()) {
            var roofline = new Roofline(device, SPACE);

            double wide = roofline.estimate(lastBlocks(18, MlpWidth.FULL, DEFAULT_STEPS))
                    .endToEndMs();
            double narrow = roofline.estimate(lastBlocks(18, MlpWidth.HALF, DEFAULT_STEPS))
                    .endToEndMs();

            assertThat(narrow).as(device.id()).isLessThan(wide);
        }
    }

    @Test
    void isComputeBoundForTheFullModelAtTheFinestStageOnAPhoneNpu() {
        Roofline.CallEstimate call = roofline(PHONE_NPU).denoiserCall(full(), FINEST);

        assertThat(call.regime()).isEqualTo(Roofline.Regime.COMPUTE);
        assertThat(call.computeMs()).isGreaterThan(call.memoryMs()).isGreaterThan(call.overheadMs());
    }

    @Test
    void isOverheadBoundForATinyConfigAtTheCoarsestStageOnH100() {
        Roofline.CallEstimate call = roofline(H100).denoiserCall(tinyConfig(), COARSEST);

        assertThat(call.regime()).isEqualTo(Roofline.Regime.OVERHEAD);
    }

    @Test
    void isMemoryBoundForATinyConfigAtTheCoarsestStageOnJetsonOrinNano() {
        Roofline.CallEstimate call = roofline(ORIN_NANO).denoiserCall(tinyConfig(), COARSEST);

        assertThat(call.regime()).isEqualTo(Roofline.Regime.MEMORY);
    }

    @Test
    void ranksAttentionHeavyAndMatmulHeavyConfigsInOppositeOrderOnAPhoneNpuAndH100() {
        MmditConfig matmulHeavy = lastBlocks(14, MlpWidth.FULL, DEFAULT_STEPS);
        MmditConfig attentionHeavy = lastBlocks(18, MlpWidth.QUARTER, DEFAULT_STEPS);

        double npuRatio = ratio(roofline(PHONE_NPU), matmulHeavy, attentionHeavy);
        double h100Ratio = ratio(roofline(H100), matmulHeavy, attentionHeavy);

        assertThat(npuRatio)
                .as("the NPU, poor at attention, prefers fewer, wider blocks")
                .isLessThan(1);
        assertThat(h100Ratio).as("H100 prefers the config with fewer FLOPs").isGreaterThan(1);
    }

    @Test
    void ordersTheFullModelByDeviceClass() {
        double h100 = roofline(H100).estimate(full()).endToEndMs();
        double agxOrin = roofline("jetson-agx-orin-64gb").estimate(full()).endToEndMs();
        double phone = roofline(PHONE_NPU).estimate(full()).endToEndMs();
        double raspberryPi = roofline("raspberry-pi-5").estimate(full()).endToEndMs();

        assertThat(h100).isLessThan(agxOrin);
        assertThat(agxOrin).isLessThan(phone);
        assertThat(phone).isLessThan(raspberryPi);
    }

    @Test
    void countsTheDenoiserWeightsOnceAmongAllResidentStages() {
        SimDevice device = TestData.device(PHONE_NPU);
        long fixedParameters = SPACE.base().fixedStages().stream()
                .mapToLong(stage -> stage.parameters())
                .sum();
        long denoiserParameters = SPACE.costs().denoiserParameters(full());

        Roofline.Footprint footprint = new Roofline(device, SPACE).footprint(full());

        assertThat(footprint.weightBytes())
                .isEqualTo((double) (fixedParameters + denoiserParameters) * Precision.W8A16.weightBytes());
        assertThat(footprint.activationBytes()).isPositive();
        assertThat(footprint.peakBytes()).isGreaterThan(footprint.weightBytes());
    }

    @Test
    void needsLessActivationMemoryWithFusedAttention() {
        SimDevice unfused = TestData.device("adreno-750-gpu");
        SimDevice fused = TestData.device("apple-m4-gpu");

        double unfusedBytes = new Roofline(unfused, SPACE).footprint(full()).activationBytes();
        double fusedBytes = new Roofline(fused, SPACE).footprint(full()).activationBytes();

        assertThat(unfused.fusedAttention()).isFalse();
        assertThat(fused.fusedAttention()).isTrue();
        assertThat(fused.precision()).isEqualTo(unfused.precision());
        assertThat(fusedBytes).as("no score matrix in memory").isLessThan(unfusedBytes / 5);
    }

    /** One block at quarter MLP width, one step per stage. */
    private static MmditConfig tinyConfig() {
        return lastBlocks(1, MlpWidth.QUARTER, List.of(1, 1, 1));
    }

    private static MmditConfig withKeep(List<Boolean> keep) {
        return new MmditConfig(keep, full().mlpWidths(), full().steps());
    }

    private static double ratio(Roofline roofline, MmditConfig first, MmditConfig second) {
        return roofline.estimate(first).endToEndMs() / roofline.estimate(second).endToEndMs();
    }
}

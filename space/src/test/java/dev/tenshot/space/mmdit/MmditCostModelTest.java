package dev.tenshot.space.mmdit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MmditCostModelTest {

    private static final long D = 1536;
    private final BaseModel base = BaseModel.neodragon();
    private final MmditCostModel costs = new MmditCostModel(base);

    @Test
    void countsTheLargestActivationWorkingSetAtTheWidestKeptMlp() {
        int depth = base.denoiser().depth();
        int last = base.pyramid().stages() - 1;
        double tokens = costs.imageTokens(last) + costs.textTokens();
        var allKept = new ArrayList<>(Collections.nCopies(depth, true));
        var halves = new ArrayList<>(Collections.nCopies(depth, MlpWidth.HALF));
        var steps = Collections.nCopies(base.pyramid().stages(), 1);
        var narrow = new MmditConfig(allKept, halves, steps);
        var oneFullDropped = new ArrayList<>(halves);
        oneFullDropped.set(0, MlpWidth.FULL);
        var keepAllButFirst = new ArrayList<>(allKept);
        keepAllButFirst.set(0, false);

        assertThat(costs.peakActivationValues(narrow))
                .as("the largest stage's tokens times five residual-wide tensors and half the MLP's hidden layer")
                .isCloseTo(tokens * (5.0 * D + 2.0 * D), within(1e-6));
        assertThat(costs.peakActivationValues(new MmditConfig(allKept, oneFullDropped, steps)))
                .as("one full-width block sets the working set")
                .isCloseTo(tokens * (5.0 * D + 4.0 * D), within(1e-6));
        assertThat(costs.peakActivationValues(new MmditConfig(keepAllButFirst, oneFullDropped, steps)))
                .as("a dropped block's MLP does not count")
                .isEqualTo(costs.peakActivationValues(narrow));
    }

    @Test
    void countsAboutEightyFiveMillionParametersInOneJointBlock() {
        long expected = 2 * (18 * D * D + 15 * D); // two streams: adaLN 6D, qkv 3D, out D, MLP 8D, with biases

        assertThat(costs.blockParameters(MlpWidth.FULL, false)).isEqualTo(expected);
        assertThat((double) expected).isCloseTo(85e6, withPercentage(0.5));
    }

    @Test
    void countsTheLastBlocksTextStreamWithoutMlp() {
        long imageStream = 18 * D * D + 15 * D;
        long textStream = (2 * D * D + 2 * D) + (3 * D * D + 3 * D);

        assertThat(costs.blockParameters(MlpWidth.FULL, true)).isEqualTo(imageStream + textStream);
    }

    @Test
    void putsEighteenKeptBlocksAtAboutOnePointFiveBillionParameters() {
        var keep = new ArrayList<>(Collections.nCopies(24, true));
        for (int block = 0; block < 6; block++) {
            keep.set(block, false);
        }
        var eighteen = new MmditConfig(keep, Collections.nCopies(24, MlpWidth.FULL), List.of(10, 10, 10));

        assertThat((double) costs.denoiserParameters(eighteen)).isCloseTo(1.53e9, withPercentage(2));
        assertThat((double) costs.denoiserParameters(MmditConfig.full(base))).isCloseTo(2.03e9, withPercentage(2));
    }

    @Test
    void narrowsOnlyTheMlpWithTheWidth() {
        long full = costs.blockParameters(MlpWidth.FULL, false);
        long half = costs.blockParameters(MlpWidth.HALF, false);

        assertThat(full - half).isEqualTo(2 * (4 * D * D + 2 * D)); // both streams lose half of 8D^2 and the fc1 bias
    }

    @Test
    void countsTokensPerPyramidStage() {
        // 49 frames -> 7 latent frames; 320x512 -> 40x64 latents -> 20x32 patches at full scale
        assertThat(costs.latentFrames()).isEqualTo(7);
        assertThat(costs.imageTokens(0)).isEqualTo(7 * 5 * 8);
        assertThat(costs.imageTokens(1)).isEqualTo(7 * 10 * 16);
        assertThat(costs.imageTokens(2)).isEqualTo(7 * 20 * 32);
        assertThat(costs.textTokens()).isEqualTo(128);
    }

    @Test
    void computesTheFlopsOfOneBlockByHand() {
        var oneBlock = new MmditConfig(only(23), Collections.nCopies(24, MlpWidth.FULL), List.of(1, 1, 1));
        var twoBlocks = new MmditConfig(only(22, 23), Collections.nCopies(24, MlpWidth.FULL), List.of(1, 1, 1));
        double n = 4480;
        double t = 128;
        double l = n + t;
        double perToken = 4 * D * D + 2 * D * 4 * D; // multiply-accumulates of qkv, out and MLP per token
        double attention = 4 * l * l * D;
        double adaLn = 2 * 12.0 * D * D;
        double expected = 2 * n * perToken + 2 * t * perToken + attention + adaLn;

        double oneBlockMore = costs.denoiserCall(twoBlocks, 2, Precision.FP16).flops()
                - costs.denoiserCall(oneBlock, 2, Precision.FP16).flops();

        assertThat(oneBlockMore).isCloseTo(expected, withPercentage(1e-9));
        assertThat(expected / 1e9).isCloseTo(391.4, within(0.1)); // ~0.4 TFLOP per full-resolution block call
    }

    @Test
    void scalesWeightAndActivationBytesWithPrecision() {
        var full = MmditConfig.full(base);

        var fp32 = costs.denoiserCall(full, 1, Precision.FP32);
        var w8a16 = costs.denoiserCall(full, 1, Precision.W8A16);

        assertThat(fp32.weightBytes()).isEqualTo(4.0 * fp32.parameters());
        assertThat(w8a16.weightBytes()).isEqualTo(1.0 * w8a16.parameters());
        assertThat(fp32.activationBytes()).isEqualTo(2 * w8a16.activationBytes());
    }

    @Test
    void listsThePipelineInOrderWithCallsPerStage() {
        var config = new MmditConfig(
                Collections.nCopies(24, true), Collections.nCopies(24, MlpWidth.FULL), List.of(3, 2, 1));

        var pipeline = costs.pipeline(config, Precision.FP16);

        assertThat(pipeline.stages())
                .extracting(MmditCostModel.StageCost::stage)
                .containsExactly(
                        "textEncoder",
                        "firstFrameGenerator",
                        "denoiser0",
                        "denoiser1",
                        "denoiser2",
                        "vaeDecoder",
                        "superResolution");
        assertThat(pipeline.stages().subList(2, 5))
                .extracting(MmditCostModel.StageCost::calls)
                .containsExactly(6, 4, 2); // classifier-free guidance doubles every step
        assertThat(pipeline.totalFlops()).isGreaterThan(pipeline.denoiserFlops());
    }

    private static List<Boolean> only(int... kept) {
        var keep = new ArrayList<>(Collections.nCopies(24, false));
        for (int block : kept) {
            keep.set(block, true);
        }
        return keep;
    }
}

package dev.tenshot.agent.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import dev.tenshot.space.mmdit.BaseModel;
import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import dev.tenshot.space.mmdit.Precision;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenoiserGraphTest {

    private static final WorkloadScale TINY = new WorkloadScale(64, 256, 4);
    private static final BaseModel.Denoiser BASE =
            MmditPruningSpace.neodragon().base().denoiser();
    private static final long SEED = 7;

    @Test
    void hasOneJointAttentionPerKeptBlock() {
        var graph = DenoiserGraph.of(keepingLast(5, MlpWidth.FULL), BASE, TINY, SEED)
                .model(5);

        assertThat(graph.count("Softmax")).isEqualTo(5);
        assertThat(graph.count("MatMul"))
                .as("16 MatMuls per full block (adaLN, q, k, v, out, 2 MLP per stream, 2 attention), 13 in the"
                        + " pre-only last, 8 in embedders and final layer")
                .isEqualTo(4 * 16 + 13 + 8);
        assertThat(graph.count("Gelu")).isEqualTo(4 * 2 + 1);
    }

    @Test
    void endsTheTextStreamAfterQkvInTheLastBlock() {
        var graph = DenoiserGraph.of(keepingLast(1, MlpWidth.FULL), BASE, TINY, SEED)
                .model(5);

        assertThat(graph.count("Gelu")).isEqualTo(1);
    }

    @Test
    void narrowerMlpsHoldFewerWeights() {
        var full = DenoiserGraph.of(keepingLast(24, MlpWidth.FULL), BASE, TINY, SEED)
                .model(5);
        var quarter = DenoiserGraph.of(keepingLast(24, MlpWidth.QUARTER), BASE, TINY, SEED)
                .model(5);

        long hidden = TINY.hidden();
        long widthDrop = 4 * hidden - hidden;
        long mlpStreams = 2 * 23 + 1;
        assertThat(full.parameterCount() - quarter.parameterCount())
                .as("each MLP loses two weight matrices' and one bias' worth of its width")
                .isEqualTo(mlpStreams * (2 * hidden * widthDrop + widthDrop));
    }

    @Test
    void buildsTheSameModelFromTheSameSeed() {
        var config = keepingLast(3, MlpWidth.HALF);

        byte[] first = DenoiserGraph.of(config, BASE, TINY, SEED).model(5).toBytes();
        byte[] second = DenoiserGraph.of(config, BASE, TINY, SEED).model(5).toBytes();

        assertThat(first).isEqualTo(second);
    }

    @Test
    void matchesTheCostModelsParametersAndFlopsAtFullScale() {
        var costs = MmditPruningSpace.neodragon().costs();
        var full = WorkloadScale.fullOf(BASE);
        var pruned = new MmditConfig(
                keepingLast(18, MlpWidth.HALF).keep(),
                Collections.nCopies(24, MlpWidth.THREE_QUARTERS),
                List.of(1, 1, 1));

        for (MmditConfig config :
                List.of(MmditConfig.full(MmditPruningSpace.neodragon().base()), pruned)) {
            var graph = DenoiserGraph.of(config, BASE, full, SEED);
            for (int stage = 0; stage < 3; stage++) {
                var cost = GraphCost.of(graph.model(costs.imageTokens(stage)).withoutWeightData());
                var analytic = costs.denoiserCall(config, stage, Precision.FP32);

                assertThat((double) cost.parameters())
                        .as("parameters, stage %d, %d blocks", stage, config.keptBlocks())
                        .isCloseTo((double) costs.denoiserParameters(config), withPercentage(2));
                assertThat(cost.flops())
                        .as("FLOPs, stage %d, %d blocks", stage, config.keptBlocks())
                        .isCloseTo(analytic.flops(), withPercentage(2));
            }
        }
    }

    @Test
    void runsInOnnxRuntimeAndReturnsThePatches() throws Exception {
        var model = DenoiserGraph.of(keepingLast(3, MlpWidth.THREE_QUARTERS), BASE, TINY, SEED)
                .model(5);
        var environment = OrtEnvironment.getEnvironment();

        float[] output;
        long[] shape;
        var feed = new java.util.HashMap<String, OnnxTensor>();
        for (var port : model.inputs()) {
            float[] ones = new float[Math.toIntExact(port.elements())];
            java.util.Arrays.fill(ones, 1f);
            feed.put(port.name(), OnnxTensor.createTensor(environment, FloatBuffer.wrap(ones), port.shape()));
        }
        try (var session = environment.createSession(model.toBytes());
                var result = session.run(feed)) {
            var tensor = (OnnxTensor) result.get(DenoiserGraph.OUTPUT).orElseThrow();
            shape = tensor.getInfo().getShape();
            output = tensor.getFloatBuffer().array();
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }

        assertThat(shape).containsExactly(1, 5, 64);
        assertThat(output).hasSize(5 * 64);
        for (float value : output) {
            assertThat(value).isFinite();
        }
    }

    /** A config keeping the last {@code kept} of 24 blocks, all at {@code width}. */
    static MmditConfig keepingLast(int kept, MlpWidth width) {
        int depth = BASE.depth();
        var keep = new ArrayList<Boolean>(Collections.nCopies(depth - kept, false));
        keep.addAll(Collections.nCopies(kept, true));
        return new MmditConfig(keep, Collections.nCopies(depth, width), List.of(10, 10, 10));
    }
}

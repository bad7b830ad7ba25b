package dev.tenshot.agent.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import dev.tenshot.space.mmdit.BaseModel;
import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DenoiserGraphTest {

    private static final WorkloadScale TINY = new WorkloadScale(64, 256, 4);
    private static final BaseModel.Denoiser BASE =
            MmditPruningSpace.neodragon().base().denoiser();
    private static final long SEED = 7;

    @Test
    void hasOneJointAttentionPerKeptBlock() {
        var graph = DenoiserGraph.of(keepingLast(5, MlpWidth.FULL), BASE, TINY, SEED);

        assertThat(graph.count("Softmax")).isEqualTo(5);
        assertThat(graph.count("MatMul"))
                .as("14 MatMuls per full block (q, k, v, out, 2 MLP per stream, 2 attention), 11 in the pre-only last")
                .isEqualTo(4 * 14 + 11);
        assertThat(graph.count("Gelu")).isEqualTo(4 * 2 + 1);
    }

    @Test
    void endsTheTextStreamAfterQkvInTheLastBlock() {
        var graph = DenoiserGraph.of(keepingLast(1, MlpWidth.FULL), BASE, TINY, SEED);

        assertThat(graph.count("Gelu")).isEqualTo(1);
        assertThat(graph.count("Slice")).as("only the image stream is cut out").isEqualTo(1);
    }

    @Test
    void narrowerMlpsHoldFewerWeights() {
        var full = DenoiserGraph.of(keepingLast(24, MlpWidth.FULL), BASE, TINY, SEED);
        var quarter = DenoiserGraph.of(keepingLast(24, MlpWidth.QUARTER), BASE, TINY, SEED);

        long hidden = TINY.hidden();
        long widthDrop = 4 * hidden - hidden;
        long mlpStreams = 2 * 23 + 1;
        assertThat(full.floatCount() - quarter.floatCount())
                .as("each MLP loses two weight matrices' and one bias' worth of its width")
                .isEqualTo(mlpStreams * (2 * hidden * widthDrop + widthDrop));
    }

    @Test
    void buildsTheSameModelFromTheSameSeed() {
        var config = keepingLast(3, MlpWidth.HALF);

        byte[] first = DenoiserGraph.of(config, BASE, TINY, SEED).toModel(5);
        byte[] second = DenoiserGraph.of(config, BASE, TINY, SEED).toModel(5);

        assertThat(first).isEqualTo(second);
    }

    @Test
    void runsInOnnxRuntimeAndReturnsTheImageTokens() throws Exception {
        var graph = DenoiserGraph.of(keepingLast(3, MlpWidth.THREE_QUARTERS), BASE, TINY, SEED);
        var environment = OrtEnvironment.getEnvironment();
        int imageTokens = 5;

        float[] output;
        long[] shape;
        try (var session = environment.createSession(graph.toModel(imageTokens));
                var image = ones(environment, imageTokens);
                var text = ones(environment, TINY.textTokens());
                var result = session.run(Map.of(DenoiserGraph.IMAGE_INPUT, image, DenoiserGraph.TEXT_INPUT, text))) {
            var tensor = (OnnxTensor) result.get(DenoiserGraph.OUTPUT).orElseThrow();
            shape = tensor.getInfo().getShape();
            output = tensor.getFloatBuffer().array();
        }

        assertThat(shape).containsExactly(1, imageTokens, TINY.hidden());
        assertThat(output).hasSize(imageTokens * TINY.hidden());
        for (float value : output) {
            assertThat(value).isFinite();
        }
    }

    private static OnnxTensor ones(OrtEnvironment environment, int tokens) throws Exception {
        float[] values = new float[tokens * TINY.hidden()];
        java.util.Arrays.fill(values, 1f);
        return OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), new long[] {1, tokens, TINY.hidden()});
    }

    /** A config keeping the last {@code kept} of 24 blocks, all at {@code width}. */
    static MmditConfig keepingLast(int kept, MlpWidth width) {
        int depth = BASE.depth();
        var keep = new ArrayList<Boolean>(Collections.nCopies(depth - kept, false));
        keep.addAll(Collections.nCopies(kept, true));
        return new MmditConfig(keep, Collections.nCopies(depth, width), List.of(10, 10, 10));
    }
}

package dev.tenshot.agent.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Adds the layers our stage graphs are made of to one Tribuo {@link ONNXContext}. Weights are declared, not filled:
 * each is a one-element placeholder whose real shape and distribution {@link OnnxModel} keeps, so a full-scale graph
 * (billions of weights) can be built, counted and streamed to disk without holding its weights in memory.
 */
final class GraphBuilder {

    static final double WEIGHT_STD = 0.02;
    private static final float LAYER_NORM_EPSILON = 1e-6f;

    final ONNXContext context = new ONNXContext();
    private final List<OnnxModel.WeightSpec> weights = new ArrayList<>();
    private final Map<Integer, ONNXInitializer> layerNormScales = new HashMap<>();
    private final Map<Integer, ONNXInitializer> attentionScales = new HashMap<>();

    ONNXRef<?> input(String name) {
        return context.floatInput(name, 1);
    }

    /** A weight of {@code dims}, drawn from N({@code mean}, {@code std}) when the model is written. */
    ONNXInitializer weight(String name, double mean, double std, long... dims) {
        ONNXInitializer placeholder = context.array(name, new float[] {0f});
        weights.add(new OnnxModel.WeightSpec(placeholder.getReference(), dims.clone(), mean, std));
        return placeholder;
    }

    /** {@code x W + b} with W {@code [in, out]} over the last axis. */
    ONNXRef<?> linear(String name, ONNXRef<?> input, long in, long out) {
        ONNXRef<?> product = op(OnnxOp.MAT_MUL, name + "_matmul", input, weight(name + "_w", 0, WEIGHT_STD, in, out));
        return op(OnnxOp.ADD, name, product, weight(name + "_b", 0, WEIGHT_STD, out));
    }

    /** LayerNormalization over the last axis without affine parameters (a constant unit scale). */
    ONNXRef<?> layerNorm(String name, ONNXRef<?> input, int width) {
        ONNXInitializer scale = layerNormScales.computeIfAbsent(width, w -> {
            float[] ones = new float[w];
            Arrays.fill(ones, 1f);
            return context.array("ln_scale_" + w, ones);
        });
        return op(OnnxOp.LAYER_NORMALIZATION, name, Map.of("axis", -1, "epsilon", LAYER_NORM_EPSILON), input, scale);
    }

    ONNXRef<?> silu(String name, ONNXRef<?> input) {
        return op(OnnxOp.MUL, name, input, op(OnnxOp.SIGMOID, name + "_sigmoid", input));
    }

    ONNXRef<?> gelu(String name, ONNXRef<?> input) {
        return op(OnnxOp.GELU, name, Map.of("approximate", "tanh"), input);
    }

    /** Columns {@code [index * width, (index + 1) * width)} of the last axis of a {@code [1, k * width]} value. */
    ONNXRef<?> chunk(String name, ONNXRef<?> input, int index, long width) {
        return op(
                OnnxOp.SLICE,
                name,
                input,
                context.array(name + "_start", new long[] {index * width}),
                context.array(name + "_end", new long[] {(index + 1) * width}),
                context.array(name + "_axis", new long[] {-1}));
    }

    /**
     * Multi-head attention, {@code softmax(Q K^T / sqrt(headDim)) V}, over {@code [B, L, heads x headDim]} inputs.
     */
    ONNXRef<?> attention(String name, ONNXRef<?> query, ONNXRef<?> key, ONNXRef<?> value, int heads, int headDim) {
        ONNXInitializer headShape = context.array(name + "_head_shape", new long[] {0, -1, heads, headDim});
        ONNXInitializer tokenShape = context.array(name + "_token_shape", new long[] {0, -1, (long) heads * headDim});
        ONNXInitializer scale = attentionScales.computeIfAbsent(
                headDim, d -> context.constant("attention_scale_" + d, (float) (1 / Math.sqrt(d))));
        ONNXRef<?> q = transpose(name + "_qh", op(OnnxOp.RESHAPE, name + "_q4", query, headShape), 0, 2, 1, 3);
        ONNXRef<?> kT = transpose(name + "_kt", op(OnnxOp.RESHAPE, name + "_k4", key, headShape), 0, 2, 3, 1);
        ONNXRef<?> v = transpose(name + "_vh", op(OnnxOp.RESHAPE, name + "_v4", value, headShape), 0, 2, 1, 3);
        ONNXRef<?> scores = op(OnnxOp.MUL, name + "_scaled", op(OnnxOp.MAT_MUL, name + "_scores", q, kT), scale);
        ONNXRef<?> weights = op(OnnxOp.SOFTMAX, name + "_softmax", Map.of("axis", -1), scores);
        ONNXRef<?> context = op(OnnxOp.MAT_MUL, name + "_context", weights, v);
        return op(OnnxOp.RESHAPE, name + "_attn", transpose(name + "_merged", context, 0, 2, 1, 3), tokenShape);
    }

    /** A pre-norm transformer layer: {@code x + Attn(LN(x))}, then {@code x + MLP(LN(x))} with a GELU MLP. */
    ONNXRef<?> transformerLayer(String name, ONNXRef<?> x, int hidden, int mlpHidden) {
        int heads = hidden % WorkloadScale.HEAD_DIM == 0 ? hidden / WorkloadScale.HEAD_DIM : 1;
        ONNXRef<?> normed = layerNorm(name + "_ln1", x, hidden);
        ONNXRef<?> attended = attention(
                name,
                linear(name + "_q", normed, hidden, hidden),
                linear(name + "_k", normed, hidden, hidden),
                linear(name + "_v", normed, hidden, hidden),
                heads,
                hidden / heads);
        ONNXRef<?> afterAttention = op(OnnxOp.ADD, name + "_res1", x, linear(name + "_out", attended, hidden, hidden));
        ONNXRef<?> up = gelu(
                name + "_gelu",
                linear(name + "_fc1", layerNorm(name + "_ln2", afterAttention, hidden), hidden, mlpHidden));
        return op(OnnxOp.ADD, name + "_res2", afterAttention, linear(name + "_fc2", up, mlpHidden, hidden));
    }

    /** A 3x3 convolution with bias, padding 1, over NCHW. */
    ONNXRef<?> conv3x3(String name, ONNXRef<?> input, long in, long out, int stride) {
        return op(
                OnnxOp.CONV,
                name,
                Map.of("kernel_shape", new int[] {3, 3}, "strides", new int[] {stride, stride}, "pads", new int[] {
                    1, 1, 1, 1
                }),
                input,
                weight(name + "_w", 0, WEIGHT_STD, out, in, 3, 3),
                weight(name + "_b", 0, WEIGHT_STD, out));
    }

    /** Nearest-neighbour upsampling by 2 in height and width. */
    ONNXRef<?> upsample(String name, ONNXRef<?> input) {
        return op(
                OnnxOp.RESIZE,
                name,
                Map.of("mode", "nearest"),
                input,
                context.array(name + "_roi", new float[0]),
                context.array(name + "_scales", new float[] {1f, 1f, 2f, 2f}));
    }

    ONNXRef<?> transpose(String name, ONNXRef<?> input, int... perm) {
        return op(OnnxOp.TRANSPOSE, name, Map.of("perm", perm), input);
    }

    ONNXRef<?> reshape(String name, ONNXRef<?> input, long... shape) {
        return op(OnnxOp.RESHAPE, name, input, context.array(name + "_shape", shape));
    }

    ONNXRef<?> op(OnnxOp op, String name, ONNXRef<?>... inputs) {
        return op(op, name, Map.of(), inputs);
    }

    ONNXRef<?> op(OnnxOp op, String name, Map<String, Object> attributes, ONNXRef<?>... inputs) {
        return context.operation(op, Arrays.asList(inputs), name, attributes);
    }

    /**
     * The finished model: {@code outputs} become the graph outputs, and inputs and outputs get the given static shapes
     * (in creation order).
     */
    OnnxModel build(
            String graphName,
            List<OnnxModel.Port> inputs,
            List<OnnxModel.Port> outputs,
            List<ONNXRef<?>> outputRefs,
            long seed) {
        for (int i = 0; i < outputRefs.size(); i++) {
            outputRefs.get(i).assignTo(context.floatOutput(outputs.get(i).name(), 1));
        }
        OnnxMl.GraphProto.Builder graph = context.buildGraph().toBuilder().setName(graphName);
        for (int i = 0; i < inputs.size(); i++) {
            graph.setInput(i, inputs.get(i).toValueInfo());
        }
        for (int i = 0; i < outputs.size(); i++) {
            graph.setOutput(i, outputs.get(i).toValueInfo());
        }
        return new OnnxModel(graph.build(), weights, inputs, outputs, seed);
    }
}

package dev.tenshot.agent.onnx;

import ai.onnx.proto.OnnxMl;
import dev.tenshot.space.mmdit.BaseModel;
import dev.tenshot.space.mmdit.MmditConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A pruned MMDiT denoiser as an ONNX graph (opset {@value OnnxOp#OPSET}): the config's kept joint blocks in order, at
 * a {@link WorkloadScale}. Inputs are {@value #IMAGE_INPUT} {@code [1, N, D]} and {@value #TEXT_INPUT} {@code [1, T,
 * D]}, the output {@value #OUTPUT} {@code [1, N, D]}, all float32.
 *
 * <p>Each joint block follows SD3's: per stream (image, text) a LayerNormalization without affine parameters,
 * modulation, q/k/v projections, joint attention over the text and image tokens together, an output projection, a
 * gated residual add, then again normalisation, modulation, a GELU-tanh MLP of width {@code mlpRatio x D x fraction}
 * and a gated residual add. The last block's text stream stops after q/k/v (SD3's pre-only block: its attention output
 * is not used, so it has no output projection and no MLP).
 *
 * <p>Simplifications, all cheap next to the per-token work: adaLN modulation ({@code Linear(SiLU(c))} on the
 * conditioning vector, computed once per call) is replaced by constant shift, scale and gate vectors; the patch,
 * text and timestep embedders and the final layer are left out, so the graph is the blocks only; the joint attention
 * output is cut back into the two streams with Slice, which keeps one graph valid for every image token count.
 * Weights are drawn from N(0, 0.02) with a seeded generator, so a config and a seed always give the same model.
 */
final class DenoiserGraph {

    static final String IMAGE_INPUT = "image_tokens";
    static final String TEXT_INPUT = "text_tokens";
    static final String OUTPUT = "image_tokens_out";

    private static final String IMAGE_TOKENS_DIM = "imageTokens";
    private static final double WEIGHT_STD = 0.02;
    private static final float LAYER_NORM_EPSILON = 1e-6f;

    private final OnnxMl.GraphProto graph;
    private final int hidden;
    private final int textTokens;

    private DenoiserGraph(OnnxMl.GraphProto graph, int hidden, int textTokens) {
        this.graph = graph;
        this.hidden = hidden;
        this.textTokens = textTokens;
    }

    /**
     * Builds the graph of {@code config}'s denoiser at {@code scale}.
     *
     * @param base the unpruned denoiser: MLP ratio and whether the last block's text stream has an MLP
     * @param seed seeds the weights
     */
    static DenoiserGraph of(MmditConfig config, BaseModel.Denoiser base, WorkloadScale scale, long seed) {
        var builder = new Builder(scale, new SplittableRandom(seed));
        ONNXRef<?> image = builder.context.floatInput(IMAGE_INPUT, scale.hidden());
        ONNXRef<?> text = builder.context.floatInput(TEXT_INPUT, scale.hidden());
        int last = config.depth() - 1;
        for (int block = 0; block <= last; block++) {
            if (config.keep().get(block)) {
                boolean preOnly = block == last && !base.lastBlockTextMlp();
                int mlpHidden = (int) Math.round((double) base.mlpRatio()
                        * scale.hidden()
                        * config.mlpWidths().get(block).fraction());
                ONNXRef<?>[] streams = builder.jointBlock("b" + block, image, text, mlpHidden, preOnly);
                image = streams[0];
                text = streams[1];
            }
        }
        image.assignTo(builder.context.floatOutput(OUTPUT, scale.hidden()));
        OnnxMl.GraphProto graph = builder.context.buildGraph().toBuilder()
                .setName("mmdit-denoiser")
                .setInput(0, tokens(IMAGE_INPUT, dim(IMAGE_TOKENS_DIM), scale.hidden()))
                .setInput(1, tokens(TEXT_INPUT, dim(scale.textTokens()), scale.hidden()))
                .setOutput(0, tokens(OUTPUT, dim(IMAGE_TOKENS_DIM), scale.hidden()))
                .build();
        return new DenoiserGraph(graph, scale.hidden(), scale.textTokens());
    }

    /** The graph, with a symbolic image token count. */
    OnnxMl.GraphProto graph() {
        return graph;
    }

    /** A serialised model whose inputs and output have {@code imageTokens} image tokens. */
    byte[] toModel(int imageTokens) {
        if (imageTokens < 1) {
            throw new IllegalArgumentException("imageTokens must be >= 1: " + imageTokens);
        }
        OnnxMl.GraphProto shaped = graph.toBuilder()
                .setInput(0, tokens(IMAGE_INPUT, dim(imageTokens), hidden))
                .setInput(1, tokens(TEXT_INPUT, dim(textTokens), hidden))
                .setOutput(0, tokens(OUTPUT, dim(imageTokens), hidden))
                .build();
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(OnnxOp.IR_VERSION)
                .addOpsetImport(OnnxOp.opset())
                .setProducerName("tenshot")
                .setGraph(shaped)
                .build()
                .toByteArray();
    }

    /** Nodes of one op type, e.g. {@code MatMul}. */
    long count(String opType) {
        return graph.getNodeList().stream()
                .filter(node -> node.getOpType().equals(opType))
                .count();
    }

    /** Float values held by the graph's initializers (weights, biases, modulation and constants). */
    long floatCount() {
        return graph.getInitializerList().stream()
                .filter(tensor -> tensor.getDataType() == OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                .mapToLong(tensor ->
                        tensor.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b))
                .sum();
    }

    private static OnnxMl.TensorShapeProto.Dimension dim(long value) {
        return OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(value).build();
    }

    private static OnnxMl.TensorShapeProto.Dimension dim(String symbol) {
        return OnnxMl.TensorShapeProto.Dimension.newBuilder()
                .setDimParam(symbol)
                .build();
    }

    /** A float32 value of shape {@code [1, tokens, hidden]}. */
    private static OnnxMl.ValueInfoProto tokens(String name, OnnxMl.TensorShapeProto.Dimension tokens, int hidden) {
        var shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(dim(1))
                .addDim(tokens)
                .addDim(dim(hidden))
                .build();
        var type = OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape));
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    /** Adds nodes and weights to one Tribuo context; names are made unique by the context. */
    private static final class Builder {

        final ONNXContext context = new ONNXContext();
        private final SplittableRandom random;
        private final int hidden;
        private final ONNXInitializer layerNormScale;
        private final ONNXInitializer headShape;
        private final ONNXInitializer tokenShape;
        private final ONNXInitializer attentionScale;
        private final ONNXInitializer tokenAxis;
        private final ONNXInitializer textStart;
        private final ONNXInitializer textEnd;
        private final ONNXInitializer imageEnd;

        Builder(WorkloadScale scale, SplittableRandom random) {
            this.random = random;
            this.hidden = scale.hidden();
            this.layerNormScale = constantVector("ln_scale", 1f);
            this.headShape = context.array("head_shape", new long[] {1, -1, scale.heads(), WorkloadScale.HEAD_DIM});
            this.tokenShape = context.array("token_shape", new long[] {1, -1, hidden});
            this.attentionScale = context.constant("attention_scale", (float) (1 / Math.sqrt(WorkloadScale.HEAD_DIM)));
            this.tokenAxis = context.array("token_axis", new long[] {1});
            this.textStart = context.array("text_start", new long[] {0});
            this.textEnd = context.array("text_end", new long[] {scale.textTokens()});
            this.imageEnd = context.array("image_end", new long[] {Long.MAX_VALUE});
        }

        /** One joint block; returns the image and text streams after it (text unchanged when {@code preOnly}). */
        ONNXRef<?>[] jointBlock(String name, ONNXRef<?> image, ONNXRef<?> text, int mlpHidden, boolean preOnly) {
            ONNXRef<?> imageIn = modulate(name + "_img_attn", image);
            ONNXRef<?> textIn = modulate(name + "_txt_attn", text);
            ONNXRef<?> query = concat(
                    name + "_q",
                    linear(name + "_txt_q", textIn, hidden, hidden),
                    linear(name + "_img_q", imageIn, hidden, hidden));
            ONNXRef<?> key = concat(
                    name + "_k",
                    linear(name + "_txt_k", textIn, hidden, hidden),
                    linear(name + "_img_k", imageIn, hidden, hidden));
            ONNXRef<?> value = concat(
                    name + "_v",
                    linear(name + "_txt_v", textIn, hidden, hidden),
                    linear(name + "_img_v", imageIn, hidden, hidden));
            ONNXRef<?> attention = attention(name, query, key, value);

            ONNXRef<?> imageAttention =
                    op(OnnxOp.SLICE, name + "_img_attn_out", attention, textEnd, imageEnd, tokenAxis);
            ONNXRef<?> imageOut = residual(name + "_img", image, imageAttention, mlpHidden);
            if (preOnly) {
                return new ONNXRef<?>[] {imageOut, text};
            }
            ONNXRef<?> textAttention =
                    op(OnnxOp.SLICE, name + "_txt_attn_out", attention, textStart, textEnd, tokenAxis);
            ONNXRef<?> textOut = residual(name + "_txt", text, textAttention, mlpHidden);
            return new ONNXRef<?>[] {imageOut, textOut};
        }

        /** Output projection and gated add, then the modulated MLP and gated add. */
        private ONNXRef<?> residual(String name, ONNXRef<?> stream, ONNXRef<?> attention, int mlpHidden) {
            ONNXRef<?> projected = linear(name + "_out", attention, hidden, hidden);
            ONNXRef<?> afterAttention = op(OnnxOp.ADD, name + "_res1", stream, gate(name + "_attn_gate", projected));
            ONNXRef<?> mlpIn = modulate(name + "_mlp", afterAttention);
            ONNXRef<?> up = linear(name + "_fc1", mlpIn, hidden, mlpHidden);
            ONNXRef<?> activated = op(OnnxOp.GELU, name + "_gelu", Map.of("approximate", "tanh"), up);
            ONNXRef<?> down = linear(name + "_fc2", activated, mlpHidden, hidden);
            return op(OnnxOp.ADD, name + "_res2", afterAttention, gate(name + "_mlp_gate", down));
        }

        /** Multi-head attention over {@code [1, L, D]} inputs, heads of 64: softmax(Q K^T / 8) V. */
        private ONNXRef<?> attention(String name, ONNXRef<?> query, ONNXRef<?> key, ONNXRef<?> value) {
            ONNXRef<?> q = transpose(name + "_qh", op(OnnxOp.RESHAPE, name + "_q4", query, headShape), 0, 2, 1, 3);
            ONNXRef<?> kT = transpose(name + "_kt", op(OnnxOp.RESHAPE, name + "_k4", key, headShape), 0, 2, 3, 1);
            ONNXRef<?> v = transpose(name + "_vh", op(OnnxOp.RESHAPE, name + "_v4", value, headShape), 0, 2, 1, 3);
            ONNXRef<?> scores = op(OnnxOp.MAT_MUL, name + "_scores", q, kT);
            ONNXRef<?> scaled = op(OnnxOp.MUL, name + "_scaled", scores, attentionScale);
            ONNXRef<?> weights = op(OnnxOp.SOFTMAX, name + "_softmax", Map.of("axis", -1), scaled);
            ONNXRef<?> context = op(OnnxOp.MAT_MUL, name + "_context", weights, v);
            ONNXRef<?> merged = transpose(name + "_merged", context, 0, 2, 1, 3);
            return op(OnnxOp.RESHAPE, name + "_attn", merged, tokenShape);
        }

        /** LayerNormalization without affine parameters, then {@code x * scale + shift} with constant vectors. */
        private ONNXRef<?> modulate(String name, ONNXRef<?> stream) {
            ONNXRef<?> normed = op(
                    OnnxOp.LAYER_NORMALIZATION,
                    name + "_norm",
                    Map.of("axis", -1, "epsilon", LAYER_NORM_EPSILON),
                    stream,
                    layerNormScale);
            ONNXRef<?> scaled = op(OnnxOp.MUL, name + "_scale", normed, randomVector(name + "_scale", 1));
            return op(OnnxOp.ADD, name + "_shift", scaled, randomVector(name + "_shift", 0));
        }

        private ONNXRef<?> gate(String name, ONNXRef<?> input) {
            return op(OnnxOp.MUL, name, input, randomVector(name, 1));
        }

        /** {@code x W + b} with W {@code [in, out]}. */
        private ONNXRef<?> linear(String name, ONNXRef<?> input, int in, int out) {
            ONNXInitializer weight = randomTensor(name + "_w", in, out);
            ONNXRef<?> product = op(OnnxOp.MAT_MUL, name + "_matmul", input, weight);
            return op(OnnxOp.ADD, name, product, randomVector(name + "_b", 0, out));
        }

        private ONNXRef<?> concat(String name, ONNXRef<?> text, ONNXRef<?> image) {
            return op(OnnxOp.CONCAT, name, Map.of("axis", 1), text, image);
        }

        private ONNXRef<?> transpose(String name, ONNXRef<?> input, int... perm) {
            return op(OnnxOp.TRANSPOSE, name, Map.of("perm", perm), input);
        }

        private ONNXRef<?> op(OnnxOp op, String name, ONNXRef<?>... inputs) {
            return op(op, name, Map.of(), inputs);
        }

        private ONNXRef<?> op(OnnxOp op, String name, Map<String, Object> attributes, ONNXRef<?>... inputs) {
            return context.operation(op, Arrays.asList(inputs), name, attributes);
        }

        private ONNXInitializer constantVector(String name, float value) {
            return context.floatTensor(name, List.of(hidden), buffer -> {
                for (int i = 0; i < hidden; i++) {
                    buffer.put(value);
                }
            });
        }

        private ONNXInitializer randomVector(String name, double mean) {
            return randomVector(name, mean, hidden);
        }

        private ONNXInitializer randomVector(String name, double mean, int size) {
            return context.floatTensor(name, List.of(size), buffer -> {
                for (int i = 0; i < size; i++) {
                    buffer.put((float) (mean + WEIGHT_STD * random.nextGaussian()));
                }
            });
        }

        private ONNXInitializer randomTensor(String name, int rows, int columns) {
            return context.floatTensor(name, List.of(rows, columns), buffer -> {
                for (int i = 0; i < rows * columns; i++) {
                    buffer.put((float) (WEIGHT_STD * random.nextGaussian()));
                }
            });
        }
    }
}

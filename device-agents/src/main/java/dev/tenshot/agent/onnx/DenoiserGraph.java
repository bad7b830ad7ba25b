package dev.tenshot.agent.onnx;

import dev.tenshot.space.mmdit.BaseModel;
import dev.tenshot.space.mmdit.MmditConfig;
import java.util.List;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A pruned MMDiT denoiser as an ONNX graph (opset {@value OnnxOp#OPSET}) at a {@link WorkloadScale}: SD3's MMDiT with
 * the config's kept joint blocks in order. One call's inputs are {@value #LATENT_INPUT} {@code [1, N, P]} (the
 * latent cut into {@code patchSize x patchSize} patches of {@code P = latentChannels x patchSize^2} values), {@value
 * #TEXT_INPUT} {@code [1, T, E]} (the text encoders' token embeddings), {@value #TIMESTEP_INPUT} {@code [1, F]} (the
 * sinusoidal timestep features) and {@value #POOLED_INPUT} {@code [1, Q]} (the pooled text embedding); the output
 * {@value #OUTPUT} {@code [1, N, P]}.
 *
 * <p>As in SD3: patch and text embedders (linear), a conditioning vector {@code c} from timestep and pooled-text MLPs,
 * then per kept block and stream (image, text) adaLN ({@code Linear(SiLU(c))} to 6 shift, scale and gate vectors),
 * LayerNormalization without affine parameters, modulation, q/k/v, joint attention over text and image tokens, output
 * projection and gated residual add, then modulated GELU-tanh MLP of width {@code mlpRatio x D x fraction} and gated
 * add. The last block's text stream is pre-only (adaLN to 2 vectors, q/k/v only). A final adaLN layer projects the
 * image tokens back to patches. So the graph holds the parameters {@code MmditCostModel} counts; its simplifications
 * (modulation is {@code x * scale + shift}, positional embeddings left out) cost no parameters and a negligible share
 * of the FLOPs. Weights are synthetic, N(0, 0.02), from the seed.
 */
final class DenoiserGraph {

    static final String LATENT_INPUT = "latent_patches";
    static final String TEXT_INPUT = "text_embeddings";
    static final String TIMESTEP_INPUT = "timestep_frequencies";
    static final String POOLED_INPUT = "pooled_text";
    static final String OUTPUT = "velocity_patches";

    /** Width of the sinusoidal timestep features in SD3. */
    static final int TIMESTEP_FEATURES = 256;

    private final OnnxModel model;
    private final int patchValues;

    private DenoiserGraph(OnnxModel model, int patchValues) {
        this.model = model;
        this.patchValues = patchValues;
    }

    /**
     * Builds the graph of {@code config}'s denoiser at {@code scale}.
     *
     * @param base the unpruned denoiser: widths, MLP ratio, whether the last block's text stream has an MLP
     * @param seed seeds the weights
     */
    static DenoiserGraph of(MmditConfig config, BaseModel.Denoiser base, WorkloadScale scale, long seed) {
        var shapes = new ScaledShapes(scale, base);
        var graph = new GraphBuilder();
        int hidden = scale.hidden();
        int patchValues = base.latentChannels() * base.patchSize() * base.patchSize();
        int textWidth = shapes.width(base.textEmbedDim());
        int timestepWidth = shapes.width(TIMESTEP_FEATURES);
        int pooledWidth = shapes.width(base.pooledTextDim());
        int textTokens = shapes.textTokens(base.textTokens());

        ONNXRef<?> latent = graph.input(LATENT_INPUT);
        ONNXRef<?> textEmbeddings = graph.input(TEXT_INPUT);
        ONNXRef<?> timestep = graph.input(TIMESTEP_INPUT);
        ONNXRef<?> pooled = graph.input(POOLED_INPUT);

        ONNXRef<?> image = graph.linear("patch_embed", latent, patchValues, hidden);
        ONNXRef<?> text = graph.linear("text_embed", textEmbeddings, textWidth, hidden);
        ONNXRef<?> timeVector = graph.linear(
                "t_mlp2",
                graph.silu("t_silu", graph.linear("t_mlp1", timestep, timestepWidth, hidden)),
                hidden,
                hidden);
        ONNXRef<?> pooledVector = graph.linear(
                "p_mlp2", graph.silu("p_silu", graph.linear("p_mlp1", pooled, pooledWidth, hidden)), hidden, hidden);
        ONNXRef<?> conditioning = graph.silu("c_silu", graph.op(OnnxOp.ADD, "c", timeVector, pooledVector));

        var blocks = new Blocks(graph, hidden, textTokens, conditioning);
        int last = config.depth() - 1;
        for (int block = 0; block <= last; block++) {
            if (config.keep().get(block)) {
                boolean preOnly = block == last && !base.lastBlockTextMlp();
                int mlpHidden = (int) Math.round((double) base.mlpRatio()
                        * hidden
                        * config.mlpWidths().get(block).fraction());
                ONNXRef<?>[] streams = blocks.joint("b" + block, image, text, mlpHidden, preOnly);
                image = streams[0];
                text = streams[1];
            }
        }
        ONNXRef<?> finalModulation = graph.linear("final_ada", conditioning, hidden, 2L * hidden);
        ONNXRef<?> finalIn = blocks.modulate("final", image, finalModulation, 0);
        ONNXRef<?> velocity = graph.linear("final_proj", finalIn, hidden, patchValues);

        int tokens = 1;
        OnnxModel model = graph.build(
                "mmdit-denoiser",
                inputs(tokens, patchValues, textTokens, textWidth, timestepWidth, pooledWidth),
                List.of(new OnnxModel.Port(OUTPUT, 1, tokens, patchValues)),
                List.of(velocity),
                seed);
        return new DenoiserGraph(model, patchValues);
    }

    /** The model of one call with {@code imageTokens} image tokens (already scaled). */
    OnnxModel model(int imageTokens) {
        if (imageTokens < 1) {
            throw new IllegalArgumentException("imageTokens must be >= 1: " + imageTokens);
        }
        List<OnnxModel.Port> current = model.inputs();
        var inputs = List.of(
                new OnnxModel.Port(LATENT_INPUT, 1, imageTokens, patchValues),
                current.get(1),
                current.get(2),
                current.get(3));
        return model.reshaped(inputs, List.of(new OnnxModel.Port(OUTPUT, 1, imageTokens, patchValues)));
    }

    private static List<OnnxModel.Port> inputs(
            int imageTokens, int patchValues, int textTokens, int textWidth, int timestepWidth, int pooledWidth) {
        return List.of(
                new OnnxModel.Port(LATENT_INPUT, 1, imageTokens, patchValues),
                new OnnxModel.Port(TEXT_INPUT, 1, textTokens, textWidth),
                new OnnxModel.Port(TIMESTEP_INPUT, 1, timestepWidth),
                new OnnxModel.Port(POOLED_INPUT, 1, pooledWidth));
    }

    /** The joint blocks, on one builder. */
    private record Blocks(GraphBuilder graph, int hidden, int textTokens, ONNXRef<?> conditioning) {

        /** One joint block; returns the image and text streams after it (text unchanged when {@code preOnly}). */
        ONNXRef<?>[] joint(String name, ONNXRef<?> image, ONNXRef<?> text, int mlpHidden, boolean preOnly) {
            ONNXRef<?> imageMod = graph.linear(name + "_img_ada", conditioning, hidden, 6L * hidden);
            ONNXRef<?> textMod = graph.linear(name + "_txt_ada", conditioning, hidden, (preOnly ? 2L : 6L) * hidden);
            ONNXRef<?> imageIn = modulate(name + "_img_attn", image, imageMod, 0);
            ONNXRef<?> textIn = modulate(name + "_txt_attn", text, textMod, 0);
            ONNXRef<?> query = concat(name + "_q", project(name + "_txt_q", textIn), project(name + "_img_q", imageIn));
            ONNXRef<?> key = concat(name + "_k", project(name + "_txt_k", textIn), project(name + "_img_k", imageIn));
            ONNXRef<?> value = concat(name + "_v", project(name + "_txt_v", textIn), project(name + "_img_v", imageIn));
            ONNXRef<?> attention =
                    graph.attention(name, query, key, value, hidden / WorkloadScale.HEAD_DIM, WorkloadScale.HEAD_DIM);

            ONNXRef<?> imageAttention = tokens(name + "_img_attn_out", attention, textTokens, Long.MAX_VALUE);
            ONNXRef<?> imageOut = residual(name + "_img", image, imageAttention, imageMod, mlpHidden);
            if (preOnly) {
                return new ONNXRef<?>[] {imageOut, text};
            }
            ONNXRef<?> textAttention = tokens(name + "_txt_attn_out", attention, 0, textTokens);
            ONNXRef<?> textOut = residual(name + "_txt", text, textAttention, textMod, mlpHidden);
            return new ONNXRef<?>[] {imageOut, textOut};
        }

        /** Output projection and gated add, then the modulated MLP and gated add (adaLN chunks 2 to 5). */
        private ONNXRef<?> residual(
                String name, ONNXRef<?> stream, ONNXRef<?> attention, ONNXRef<?> modulation, int mlpHidden) {
            ONNXRef<?> projected = project(name + "_out", attention);
            ONNXRef<?> afterAttention =
                    graph.op(OnnxOp.ADD, name + "_res1", stream, gate(name + "_attn_gate", projected, modulation, 2));
            ONNXRef<?> mlpIn = modulate(name + "_mlp", afterAttention, modulation, 3);
            ONNXRef<?> up = graph.gelu(name + "_gelu", graph.linear(name + "_fc1", mlpIn, hidden, mlpHidden));
            ONNXRef<?> down = graph.linear(name + "_fc2", up, mlpHidden, hidden);
            return graph.op(OnnxOp.ADD, name + "_res2", afterAttention, gate(name + "_mlp_gate", down, modulation, 5));
        }

        /** LayerNormalization, then {@code x * scale + shift} with adaLN chunks {@code first + 1} and {@code first}. */
        ONNXRef<?> modulate(String name, ONNXRef<?> stream, ONNXRef<?> modulation, int first) {
            ONNXRef<?> normed = graph.layerNorm(name + "_norm", stream, hidden);
            ONNXRef<?> scaled = graph.op(
                    OnnxOp.MUL, name + "_scale", normed, graph.chunk(name + "_scale_c", modulation, first + 1, hidden));
            return graph.op(
                    OnnxOp.ADD, name + "_shift", scaled, graph.chunk(name + "_shift_c", modulation, first, hidden));
        }

        private ONNXRef<?> gate(String name, ONNXRef<?> input, ONNXRef<?> modulation, int chunk) {
            return graph.op(OnnxOp.MUL, name, input, graph.chunk(name + "_c", modulation, chunk, hidden));
        }

        private ONNXRef<?> project(String name, ONNXRef<?> input) {
            return graph.linear(name, input, hidden, hidden);
        }

        private ONNXRef<?> concat(String name, ONNXRef<?> first, ONNXRef<?> second) {
            return graph.op(OnnxOp.CONCAT, name, java.util.Map.of("axis", 1), first, second);
        }

        /** Tokens {@code [start, end)} of a {@code [1, L, D]} value. */
        private ONNXRef<?> tokens(String name, ONNXRef<?> input, long start, long end) {
            return graph.op(
                    OnnxOp.SLICE,
                    name,
                    input,
                    graph.context.array(name + "_start", new long[] {start}),
                    graph.context.array(name + "_end", new long[] {end}),
                    graph.context.array(name + "_axis", new long[] {1}));
        }
    }
}

package dev.tenshot.space.mmdit;

import java.util.ArrayList;
import java.util.List;

/**
 * Analytic cost of a pruned denoiser and its pipeline: FLOPs, parameters, weight and activation bytes. A FLOP is a
 * multiply or an add (a multiply-accumulate is 2). Counts follow SD3's MMDiT joint block: per stream an adaLN
 * modulation {@code Linear(D, 6D)}, {@code qkv} {@code Linear(D, 3D)}, an output {@code Linear(D, D)} and a GELU MLP
 * {@code D -> 4wD -> D}; the last block's text stream has only {@code Linear(D, 2D)} modulation and {@code qkv}.
 * Attention is joint over image and text tokens.
 *
 * <p>Modelling choices, to keep in mind when comparing with measurements: every pyramid stage attends over all
 * latent frames at its resolution (Pyramid-Flow's causal history compression makes the real cost lower);
 * activation bytes assume each op reads its input from and writes its output to memory and that the attention
 * score matrix is materialised (no fused attention); a classifier-free-guidance step costs two calls.
 */
public final class MmditCostModel {

    /**
     * Kernels an unfused graph launches per joint-block stream (modulation, two layer norms and modulates, q/k/v,
     * output projection, two gated residual adds, MLP up, GELU, MLP down), for the last block's pre-only text stream
     * (modulation, layer norm, modulate, q/k/v), for the joint attention (concatenation, scores, softmax, scores x V,
     * split) and for the embedders and final layer of one call. Estimates from SD3's block structure: a device's
     * cost per kernel is learned from its measurements, so only their proportions matter.
     */
    static final int KERNELS_PER_STREAM = 12;

    static final int KERNELS_PER_PRE_ONLY_STREAM = 4;
    static final int KERNELS_PER_ATTENTION = 5;
    static final int KERNELS_PER_CALL = 11;

    private final BaseModel base;
    private final BaseModel.Denoiser denoiser;
    private final int[] imageTokens;

    public MmditCostModel(BaseModel base) {
        this.base = base;
        this.denoiser = base.denoiser();
        this.imageTokens = new int[base.pyramid().stages()];
        for (int stage = 0; stage < imageTokens.length; stage++) {
            imageTokens[stage] = imageTokensAt(base.pyramid().stageScales().get(stage));
        }
    }

    /** Latent frames after the VAE's causal temporal compression: the first frame alone, then groups. */
    public int latentFrames() {
        return (base.workload().frames() - 1) / base.vae().temporalCompression() + 1;
    }

    /** Image tokens the denoiser sees in one call at pyramid {@code stage} (0 = coarsest). */
    public int imageTokens(int stage) {
        return imageTokens[stage];
    }

    public int textTokens() {
        return denoiser.textTokens();
    }

    /** Width of the residual stream, D. */
    public int hidden() {
        return denoiser.hidden();
    }

    /** Parameters of one joint block at MLP width {@code width}; {@code last} for the pre-only last block. */
    public long blockParameters(MlpWidth width, boolean last) {
        long d = denoiser.hidden();
        long mlpHidden = mlpHidden(width);
        long imageStream =
                linear(d, 6 * d) + linear(d, 3 * d) + linear(d, d) + linear(d, mlpHidden) + linear(mlpHidden, d);
        long textStream = last && !denoiser.lastBlockTextMlp() ? linear(d, 2 * d) + linear(d, 3 * d) : imageStream;
        return imageStream + textStream;
    }

    /** Parameters outside the blocks: patch, text, timestep and pooled-text embedders, and the final layer. */
    public long embedderParameters() {
        long d = denoiser.hidden();
        long patchIn = (long) denoiser.latentChannels() * denoiser.patchSize() * denoiser.patchSize();
        return patchIn * d
                + d // patch embedding (a strided convolution)
                + linear(denoiser.textEmbedDim(), d)
                + linear(256, d)
                + linear(d, d) // sinusoidal timestep embedding -> MLP
                + linear(denoiser.pooledTextDim(), d)
                + linear(d, d)
                + linear(d, 2 * d)
                + linear(d, patchIn); // final adaLN and projection out
    }

    /**
     * The largest activation working set of one denoiser call, in values: at the pyramid stage with the most tokens,
     * the joint sequence times five residual-wide tensors (the stream, its normalised copy, Q, K, V) and the widest
     * kept block's MLP hidden layer. What a config adds to peak memory beyond its weights, before the runtime's own
     * buffers; the attention matrix is left out (fused attention never holds it).
     */
    public double peakActivationValues(MmditConfig config) {
        long widestMlp = 0;
        for (int block = 0; block < config.depth(); block++) {
            if (config.keep().get(block)) {
                widestMlp = Math.max(widestMlp, mlpHidden(config.mlpWidths().get(block)));
            }
        }
        double values = 0;
        for (int stage = 0; stage < imageTokens.length; stage++) {
            double tokens = imageTokens[stage] + denoiser.textTokens();
            values = Math.max(values, tokens * (5.0 * denoiser.hidden() + widestMlp));
        }
        return values;
    }

    /** Parameters of the pruned denoiser. */
    public long denoiserParameters(MmditConfig config) {
        long total = embedderParameters();
        for (int block = 0; block < config.depth(); block++) {
            if (config.keep().get(block)) {
                total += blockParameters(config.mlpWidths().get(block), block == config.depth() - 1);
            }
        }
        return total;
    }

    /** The cost of one denoiser call at pyramid {@code stage}. */
    public CallCost denoiserCall(MmditConfig config, int stage, Precision precision) {
        long n = imageTokens[stage];
        long t = denoiser.textTokens();
        long l = n + t;
        long d = denoiser.hidden();
        double flops = 2.0 * (t * denoiser.textEmbedDim() * d + n * d * patchInputs() * 2L);
        double attentionFlops = 0;
        long kernels = KERNELS_PER_CALL;
        double activations = 0;
        for (int block = 0; block < config.depth(); block++) {
            if (!config.keep().get(block)) {
                continue;
            }
            boolean last = block == config.depth() - 1;
            long mlpHidden = mlpHidden(config.mlpWidths().get(block));
            double streamPerToken = 4.0 * d * d + 2.0 * d * mlpHidden; // qkv + out + MLP, multiply-accumulates
            boolean textPreOnly = last && !denoiser.lastBlockTextMlp();
            flops += 2.0 * n * streamPerToken;
            flops += 2.0 * t * (textPreOnly ? 3.0 * d * d : streamPerToken);
            attentionFlops += 2.0 * 2.0 * l * l * d; // Q K^T and scores x V
            kernels += KERNELS_PER_STREAM
                    + (textPreOnly ? KERNELS_PER_PRE_ONLY_STREAM : KERNELS_PER_STREAM)
                    + KERNELS_PER_ATTENTION;
            flops += 2.0 * (6.0 * d * d + (textPreOnly ? 2.0 : 6.0) * d * d); // adaLN on the conditioning vector
            activations += n * (10.0 * d + 2.0 * mlpHidden);
            activations += t * (textPreOnly ? 4.0 * d : 10.0 * d + 2.0 * mlpHidden);
            activations += 2.0 * denoiser.heads() * l * l; // scores written, then read for softmax x V
        }
        long parameters = denoiserParameters(config);
        return new CallCost(
                stage,
                (int) n,
                (int) t,
                flops + attentionFlops,
                attentionFlops,
                kernels,
                parameters,
                (double) parameters * precision.weightBytes(),
                activations * precision.activationBytes());
    }

    /** Every stage of one generation: fixed stages as given by the base model, the denoiser per pyramid stage. */
    public PipelineCost pipeline(MmditConfig config, Precision precision) {
        var stages = new ArrayList<StageCost>();
        var pyramid = base.pyramid();
        for (BaseModel.FixedStage fixed : base.fixedStages()) {
            if (fixed.stage().equals("vaeDecoder")) {
                addDenoiserStages(config, precision, pyramid, stages);
            }
            stages.add(new StageCost(
                    fixed.stage(),
                    1,
                    fixed.gflopsPerRun() * 1e9,
                    (double) fixed.parameters() * precision.weightBytes(),
                    0));
        }
        if (stages.stream().noneMatch(s -> s.stage().startsWith("denoiser"))) {
            addDenoiserStages(config, precision, pyramid, stages);
        }
        return new PipelineCost(stages, denoiserParameters(config));
    }

    private void addDenoiserStages(
            MmditConfig config, Precision precision, BaseModel.Pyramid pyramid, List<StageCost> stages) {
        for (int stage = 0; stage < pyramid.stages(); stage++) {
            CallCost call = denoiserCall(config, stage, precision);
            int calls = config.steps().get(stage) * pyramid.callsPerStep();
            stages.add(new StageCost(
                    "denoiser" + stage, calls, call.flops() * calls, call.weightBytes(), call.activationBytes()));
        }
    }

    private int imageTokensAt(double scale) {
        int latentHeight =
                (int) Math.round(base.workload().height() / (double) base.vae().spatialCompression() * scale);
        int latentWidth =
                (int) Math.round(base.workload().width() / (double) base.vae().spatialCompression() * scale);
        int patch = denoiser.patchSize();
        return latentFrames() * (latentHeight / patch) * (latentWidth / patch);
    }

    private long patchInputs() {
        return (long) denoiser.latentChannels() * denoiser.patchSize() * denoiser.patchSize();
    }

    private long mlpHidden(MlpWidth width) {
        return Math.round((double) denoiser.hidden() * denoiser.mlpRatio() * width.fraction());
    }

    private static long linear(long in, long out) {
        return in * out + out;
    }

    /**
     * The cost of one denoiser call.
     *
     * @param flops multiply and add operations, attention's among them
     * @param attentionFlops those of the attention itself (scores and their product with V); the rest are matrix
     *     products with weights (projections, MLPs, embedders)
     * @param kernels kernels an unfused graph launches (an estimate: see {@link #KERNELS_PER_STREAM})
     * @param weightBytes bytes of weights read (all kept parameters)
     * @param activationBytes bytes of activations moved to and from memory
     */
    public record CallCost(
            int stage,
            int imageTokens,
            int textTokens,
            double flops,
            double attentionFlops,
            long kernels,
            long parameters,
            double weightBytes,
            double activationBytes) {

        /** FLOPs of matrix products with weights: everything but the attention itself. */
        public double matmulFlops() {
            return flops - attentionFlops;
        }
    }

    /**
     * One pipeline stage: {@code calls} runs of the same network.
     *
     * @param stage {@code textEncoder}, {@code firstFrameGenerator}, {@code denoiser0..}, {@code vaeDecoder},
     *     {@code superResolution}
     * @param flops all calls together
     * @param weightBytes weights of the network, read once per call
     * @param activationBytes activation traffic of one call
     */
    public record StageCost(String stage, int calls, double flops, double weightBytes, double activationBytes) {}

    /** All stages of one generation, in pipeline order. */
    public record PipelineCost(List<StageCost> stages, long denoiserParameters) {
        public PipelineCost {
            stages = List.copyOf(stages);
        }

        public double totalFlops() {
            return stages.stream().mapToDouble(StageCost::flops).sum();
        }

        public double denoiserFlops() {
            return stages.stream()
                    .filter(s -> s.stage().startsWith("denoiser"))
                    .mapToDouble(StageCost::flops)
                    .sum();
        }
    }
}

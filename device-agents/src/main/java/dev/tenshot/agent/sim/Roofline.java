package dev.tenshot.agent.sim;

import dev.tenshot.space.mmdit.BaseModel;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditCostModel;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import dev.tenshot.space.mmdit.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * Noise-free latency of an MMDiT pipeline on one simulated device, by a roofline per network call:
 *
 * <pre>{@code time = max(compute, memory) + overhead}</pre>
 *
 * <ul>
 *   <li>compute: each class of work at its own rate, {@code flops / (peak x efficiency(class) x fill(op size))}. A
 *       denoiser call splits into attention ({@code 4 L^2 D} per kept block: {@code Q K^T} and scores x {@code V})
 *       and matmuls (everything else the cost model counts: projections, MLPs, embedders). Matmul work is further
 *       split between the image and text streams by token count, since their operators differ in size. {@code
 *       fill(size) = size / (size + halfEfficiencyGflop)} models that small operators reach less of peak. The fixed
 *       stages (text encoder, first-frame generator, VAE decoder, super-resolution) count as matmul work spread over
 *       {@value #OPS_PER_FIXED_STAGE} equal operators.
 *   <li>memory: {@code (weightBytes + activationBytes) / (bandwidth x bandwidthEfficiency)}, bytes from {@link
 *       MmditCostModel}. On a device with fused attention the score-matrix traffic the cost model assumes is taken
 *       out.
 *   <li>overhead: {@code launchOverhead + operators x opOverhead}, with {@value #OPS_PER_BLOCK} operators per kept
 *       block and {@value #OPS_OUTSIDE_BLOCKS} outside the blocks. It is added, not overlapped: small calls on fast
 *       devices are dominated by it, as they are in practice.
 * </ul>
 *
 * <p>Peak memory is the weights of every stage (all kept resident, the denoiser's once) plus the largest activation
 * working set of one denoiser block ({@code L x (5D + widest MLP)} values, plus the {@code heads x L^2} score matrix
 * unless attention is fused). The fixed stages' activations are not modelled. A config whose peak exceeds the
 * device's RAM does not run: there is no spill model.
 */
final class Roofline {

    static final int OPS_PER_BLOCK = 24;
    static final int OPS_OUTSIDE_BLOCKS = 10;
    static final int OPS_PER_FIXED_STAGE = 100;
    private static final String DENOISER = "denoiser";

    private final SimDevice device;
    private final MmditPruningSpace space;
    private final MmditCostModel costs;
    private final Precision precision;

    Roofline(SimDevice device, MmditPruningSpace space) {
        this.device = device;
        this.space = space;
        this.costs = space.costs();
        this.precision = device.numericPrecision();
    }

    SimDevice device() {
        return device;
    }

    /** Every stage of one generation, in pipeline order. */
    Estimate estimate(MmditConfig config) {
        var stages = new ArrayList<StageEstimate>();
        for (MmditCostModel.StageCost stage : costs.pipeline(config, precision).stages()) {
            CallEstimate call = stage.stage().startsWith(DENOISER)
                    ? denoiserCall(config, Integer.parseInt(stage.stage().substring(DENOISER.length())))
                    : fixedStage(stage);
            stages.add(new StageEstimate(stage.stage(), stage.calls(), call));
        }
        return new Estimate(stages, footprint(config));
    }

    /** One denoiser call at pyramid {@code stage} (0 = coarsest). */
    CallEstimate denoiserCall(MmditConfig config, int stage) {
        MmditCostModel.CallCost call = costs.denoiserCall(config, stage, precision);
        long imageTokens = call.imageTokens();
        long textTokens = call.textTokens();
        double tokens = imageTokens + textTokens;
        double d = costs.hidden();
        int kept = config.keptBlocks();

        double attentionFlops = kept * 4.0 * tokens * tokens * d;
        double matmulFlops = Math.max(0, call.flops() - attentionFlops);
        double imageShare = imageTokens / tokens;
        double computeSeconds = seconds(matmulFlops * imageShare, device.matmulEfficiency(), matmulOpFlops(imageTokens))
                + seconds(matmulFlops * (1 - imageShare), device.matmulEfficiency(), matmulOpFlops(textTokens))
                + seconds(attentionFlops, device.attentionEfficiency(), 2.0 * tokens * tokens * d);

        double activationBytes = call.activationBytes();
        if (device.fusedAttention()) {
            activationBytes -= kept * scoreBytes(tokens);
        }
        double memorySeconds = (call.weightBytes() + activationBytes) / bandwidth();
        double overheadMicros =
                device.launchOverheadMicros() + device.opOverheadMicros() * (OPS_PER_BLOCK * kept + OPS_OUTSIDE_BLOCKS);
        return new CallEstimate(DENOISER + stage, computeSeconds * 1e3, memorySeconds * 1e3, overheadMicros / 1e3);
    }

    /** Weights of every stage, the denoiser's once, and the largest activation working set. */
    Footprint footprint(MmditConfig config) {
        double weights = 0;
        boolean denoiserCounted = false;
        for (MmditCostModel.StageCost stage : costs.pipeline(config, precision).stages()) {
            boolean denoiser = stage.stage().startsWith(DENOISER);
            if (!denoiser || !denoiserCounted) {
                weights += stage.weightBytes();
            }
            denoiserCounted |= denoiser;
        }
        BaseModel.Denoiser base = space.base().denoiser();
        double attention = 0;
        if (!device.fusedAttention()) {
            for (int stage = 0; stage < space.base().pyramid().stages(); stage++) {
                double tokens = costs.imageTokens(stage) + costs.textTokens();
                attention = Math.max(attention, (double) base.heads() * tokens * tokens);
            }
        }
        double activations = (costs.peakActivationValues(config) + attention) * precision.activationBytes();
        return new Footprint(weights, activations);
    }

    private CallEstimate fixedStage(MmditCostModel.StageCost stage) {
        double perCallFlops = stage.flops() / stage.calls();
        double computeSeconds = seconds(perCallFlops, device.matmulEfficiency(), perCallFlops / OPS_PER_FIXED_STAGE);
        double memorySeconds = (stage.weightBytes() + stage.activationBytes()) / bandwidth();
        double overheadMicros = device.launchOverheadMicros() + device.opOverheadMicros() * OPS_PER_FIXED_STAGE;
        return new CallEstimate(stage.stage(), computeSeconds * 1e3, memorySeconds * 1e3, overheadMicros / 1e3);
    }

    /** A representative operator of a stream of {@code tokens} tokens: the {@code D -> 3D} qkv projection. */
    private double matmulOpFlops(long tokens) {
        double d = costs.hidden();
        return 2.0 * tokens * d * 3 * d;
    }

    /** The score matrix of one block, written and read once, as {@link MmditCostModel} counts it. */
    private double scoreBytes(double tokens) {
        return 2.0 * space.base().denoiser().heads() * tokens * tokens * precision.activationBytes();
    }

    private double seconds(double flops, double efficiency, double opFlops) {
        if (flops <= 0) {
            return 0;
        }
        double opGflop = opFlops / 1e9;
        double fill = opGflop / (opGflop + device.halfEfficiencyGflop());
        return flops / (device.peakOpsPerSecond() * efficiency * fill);
    }

    private double bandwidth() {
        return device.memoryBytesPerSecond() * device.bandwidthEfficiency();
    }

    /** What bounds a call: the largest of its compute, memory and overhead times. */
    enum Regime {
        COMPUTE,
        MEMORY,
        OVERHEAD
    }

    /** The noise-free time of one network call and its parts, in milliseconds. */
    record CallEstimate(String stage, double computeMs, double memoryMs, double overheadMs) {

        double totalMs() {
            return Math.max(computeMs, memoryMs) + overheadMs;
        }

        Regime regime() {
            if (overheadMs > Math.max(computeMs, memoryMs)) {
                return Regime.OVERHEAD;
            }
            return computeMs >= memoryMs ? Regime.COMPUTE : Regime.MEMORY;
        }
    }

    /** One pipeline stage: {@code calls} identical calls. */
    record StageEstimate(String stage, int calls, CallEstimate call) {

        double totalMs() {
            return calls * call.totalMs();
        }
    }

    /** Resident bytes: weights plus the largest activation working set. */
    record Footprint(double weightBytes, double activationBytes) {

        double peakBytes() {
            return weightBytes + activationBytes;
        }
    }

    /** All stages of one generation, in pipeline order, and the memory they need. */
    record Estimate(List<StageEstimate> stages, Footprint footprint) {

        Estimate {
            stages = List.copyOf(stages);
        }

        double endToEndMs() {
            return stages.stream().mapToDouble(StageEstimate::totalMs).sum();
        }
    }
}

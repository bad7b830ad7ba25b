package dev.tenshot.space.mmdit;

import java.util.ArrayList;
import java.util.List;

/**
 * The predictor's encoding of a config, in terms that compose like latency. One generation costs the fixed stages
 * (the same for every config: the model's intercept) plus, for each pyramid stage, its calls x the cost of one call;
 * on a device one call costs roughly a mix of compute and per-kernel overhead. So for each pyramid stage {@code s}
 * the features are, multiplied by the stage's calls (steps x calls per step):
 *
 * <ul>
 *   <li>{@code denoiser<s>_matmul_gflop}: FLOPs of the products with weights (projections, MLPs, embedders);
 *   <li>{@code denoiser<s>_attention_gflop}: FLOPs of the joint attention (scores and scores x V);
 *   <li>{@code denoiser<s>_kernels}: kernels launched (they grow with the kept blocks).
 * </ul>
 *
 * <p>A device's latency is then close to linear in these nine numbers, with one coefficient per term and stage
 * (seconds per FLOP at the stage's shapes, seconds per kernel), so a fit on ten samples extrapolates to configs
 * unlike them: fewest steps, fewest blocks, narrowest widths. Memory traffic needs no column of its own: within a
 * stage the weight bytes read and the activations moved are linear in the same three (kept blocks, their MLP
 * widths, calls), so they are spanned already, and an extra column would only make the fit degenerate.
 */
final class MmditFeatures {

    private static final String[] TERMS = {"matmul_gflop", "attention_gflop", "kernels"};

    private MmditFeatures() {}

    static List<String> names(BaseModel base) {
        var names = new ArrayList<String>();
        for (int stage = 0; stage < base.pyramid().stages(); stage++) {
            for (String term : TERMS) {
                names.add("denoiser" + stage + "_" + term);
            }
        }
        return List.copyOf(names);
    }

    static double[] of(MmditCostModel costs, MmditConfig config, int callsPerStep) {
        int stages = config.steps().size();
        double[] features = new double[TERMS.length * stages];
        for (int stage = 0; stage < stages; stage++) {
            var call = costs.denoiserCall(config, stage, Precision.FP16);
            double calls = (double) config.steps().get(stage) * callsPerStep;
            features[TERMS.length * stage] = calls * call.matmulFlops() / 1e9;
            features[TERMS.length * stage + 1] = calls * call.attentionFlops() / 1e9;
            features[TERMS.length * stage + 2] = calls * call.kernels();
        }
        return features;
    }
}

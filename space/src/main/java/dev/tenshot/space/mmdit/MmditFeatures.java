package dev.tenshot.space.mmdit;

import java.util.ArrayList;
import java.util.List;

/**
 * The predictor's encoding of a config: per block whether it is kept and its MLP width (0 when dropped), steps per
 * stage, then aggregates the trees would otherwise have to rebuild from many splits (kept blocks, total MLP width,
 * denoiser GFLOPs per generation, parameters in millions, attention share of the FLOPs).
 */
final class MmditFeatures {

    private MmditFeatures() {}

    static List<String> names(BaseModel base) {
        var names = new ArrayList<String>();
        int depth = base.denoiser().depth();
        for (int block = 0; block < depth; block++) {
            names.add("keep_" + block);
        }
        for (int block = 0; block < depth; block++) {
            names.add("mlp_width_" + block);
        }
        for (int stage = 0; stage < base.pyramid().stages(); stage++) {
            names.add("steps_" + stage);
        }
        names.addAll(List.of("kept_blocks", "mlp_width_sum", "denoiser_gflops", "denoiser_mparams", "attention_share"));
        return List.copyOf(names);
    }

    static double[] of(MmditCostModel costs, MmditConfig config) {
        int depth = config.depth();
        int stages = config.steps().size();
        double[] features = new double[2 * depth + stages + 5];
        int kept = 0;
        double widthSum = 0;
        for (int block = 0; block < depth; block++) {
            if (config.keep().get(block)) {
                kept++;
                features[block] = 1;
                features[depth + block] = config.mlpWidths().get(block).fraction();
                widthSum += config.mlpWidths().get(block).fraction();
            }
        }
        double flops = 0;
        double attentionFlops = 0;
        for (int stage = 0; stage < stages; stage++) {
            features[2 * depth + stage] = config.steps().get(stage);
            var call = costs.denoiserCall(config, stage, Precision.FP16);
            double calls = config.steps().get(stage);
            flops += call.flops() * calls;
            double l = call.imageTokens() + call.textTokens();
            attentionFlops += 4.0 * l * l * costs.hidden() * kept * calls;
        }
        int at = 2 * depth + stages;
        features[at] = kept;
        features[at + 1] = widthSum;
        features[at + 2] = flops / 1e9;
        features[at + 3] = costs.denoiserParameters(config) / 1e6;
        features[at + 4] = attentionFlops / flops;
        return features;
    }
}

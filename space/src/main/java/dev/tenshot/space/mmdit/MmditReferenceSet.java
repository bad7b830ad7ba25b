package dev.tenshot.space.mmdit;

import dev.tenshot.space.SpaceConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How the MMDiT space's ten reference configs are chosen, deterministically: draw a pool of 4,096 configs from a
 * fixed seed (for each, a keep probability uniform in [0.3, 1], then per block keep with that probability and a
 * uniform MLP width, and uniform steps per stage), sort the pool by analytic denoiser FLOPs per generation, and take
 * the configs at the 0, 1/9, ..., 9/9 quantiles. The set spans the space's cost range from nearly empty to nearly
 * full, with mixed structures in between, so a device's latencies on it show how it scales, not one point.
 */
final class MmditReferenceSet {

    static final int SIZE = 10;
    static final int POOL = 4096;
    static final long SEED = 20_211_206L;

    private MmditReferenceSet() {}

    static List<SpaceConfig> select(MmditPruningSpace space) {
        var random = new SplittableRandom(SEED);
        var pool = new ArrayList<MmditConfig>(POOL);
        for (int i = 0; i < POOL; i++) {
            pool.add(draw(space.base(), random));
        }
        var flops = new java.util.IdentityHashMap<MmditConfig, Double>();
        for (MmditConfig config : pool) {
            flops.put(config, space.costs().pipeline(config, Precision.FP16).denoiserFlops());
        }
        pool.sort(Comparator.comparingDouble(flops::get));
        var reference = new ArrayList<SpaceConfig>(SIZE);
        for (int k = 0; k < SIZE; k++) {
            reference.add(pool.get((int) Math.round(k * (POOL - 1) / (double) (SIZE - 1))));
        }
        return reference;
    }

    /** One random config: the same draw the reference pool uses, for tests and demos. */
    static MmditConfig draw(BaseModel base, SplittableRandom random) {
        int depth = base.denoiser().depth();
        double keepProbability = 0.3 + 0.7 * random.nextDouble();
        var keep = new ArrayList<Boolean>(depth);
        var widths = new ArrayList<MlpWidth>(depth);
        for (int block = 0; block < depth; block++) {
            keep.add(block == depth - 1 || random.nextDouble() < keepProbability);
            widths.add(MlpWidth.values()[random.nextInt(MlpWidth.values().length)]);
        }
        var steps = new ArrayList<Integer>();
        for (int stage = 0; stage < base.pyramid().stages(); stage++) {
            steps.add(1 + random.nextInt(base.pyramid().maxStepsPerStage()));
        }
        return new MmditConfig(keep, widths, steps);
    }
}

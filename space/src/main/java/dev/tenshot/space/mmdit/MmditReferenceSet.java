package dev.tenshot.space.mmdit;

import dev.tenshot.space.SpaceConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.jspecify.annotations.Nullable;

/**
 * The MMDiT space's reference sets, deterministic and versioned: a device keeps the set it was onboarded with.
 *
 * <ul>
 *   <li><b>Version 1</b> (the first release): a pool of 4,096 random configs from a fixed seed (for each, a keep
 *       probability uniform in [0.3, 1], then per block keep with that probability and a uniform MLP width, and
 *       uniform steps per stage), sorted by analytic denoiser FLOPs, taken at the 0, 1/9, ..., 9/9 quantiles. It
 *       never visits the corners a search drives to (fewest steps, fewest blocks, narrowest widths).
 *   <li><b>Version 2</b> (current): an optimal design over the space's features. The pool adds to the same random
 *       draws the corners: 1 to 24 kept blocks at the narrowest, the widest and alternating widths, with steps at
 *       every combination of 1 and the maximum per stage, and the middle. The smallest config, the full one and the
 *       middle (half the blocks, alternating widths, middle steps) are always in; the other seven are added
 *       greedily, each the pool config that most increases the determinant of the design's information matrix
 *       (D-optimality). Rows are [1, standardised features], weighed as the predictor weighs samples (relative
 *       errors: by 1 / a rough cost squared, the normalised FLOPs plus the normalised kernels), so cheap corners
 *       count as much as expensive ones.
 * </ul>
 */
final class MmditReferenceSet {

    static final int SIZE = 10;
    static final int POOL = 4096;
    static final long SEED = 20_211_206L;
    static final int CURRENT = 2;

    private MmditReferenceSet() {}

    static List<SpaceConfig> select(MmditPruningSpace space) {
        return select(space, CURRENT);
    }

    static List<SpaceConfig> select(MmditPruningSpace space, int version) {
        return switch (version) {
            case 1 -> flopsQuantiles(space);
            case 2 -> optimalDesign(space);
            default -> throw new IllegalArgumentException("no reference set version " + version + " (1 or 2)");
        };
    }

    private static List<SpaceConfig> flopsQuantiles(MmditPruningSpace space) {
        var pool = randomPool(space.base());
        var flops = new IdentityHashMap<MmditConfig, Double>();
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

    private static List<SpaceConfig> optimalDesign(MmditPruningSpace space) {
        BaseModel base = space.base();
        var pool = new ArrayList<MmditConfig>(corners(base));
        pool.addAll(randomPool(base));
        int n = pool.size();
        double[][] features = new double[n][];
        for (int i = 0; i < n; i++) {
            features[i] = space.features(pool.get(i));
        }
        int p = features[0].length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (double[] row : features) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : features) {
            for (int j = 0; j < p; j++) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        List<String> names = space.featureNames();
        double meanFlops = 0;
        double meanKernels = 0;
        double[] flops = new double[n];
        double[] kernels = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                if (names.get(j).endsWith("kernels")) {
                    kernels[i] += features[i][j];
                } else {
                    flops[i] += features[i][j];
                }
            }
            meanFlops += flops[i] / n;
            meanKernels += kernels[i] / n;
        }
        double[][] rows = new double[n][p + 1];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i][0] = 1;
            for (int j = 0; j < p; j++) {
                rows[i][j + 1] = sd[j] > 0 ? (features[i][j] - mean[j]) / Math.sqrt(sd[j]) : 0;
            }
            double cost = flops[i] / meanFlops + kernels[i] / meanKernels;
            weight[i] = 1 / (cost * cost);
        }

        var chosen = new ArrayList<Integer>(SIZE);
        chosen.add(0); // corners() starts with the smallest config
        chosen.add(1); // the full one
        chosen.add(2); // and the middle: a design of corners alone would never see curvature inside
        double[][] information = new double[p + 1][p + 1];
        for (int c : chosen) {
            addOuter(information, rows[c], weight[c]);
        }
        while (chosen.size() < SIZE) {
            double[][] inverse = inverseWithRidge(information);
            int best = -1;
            double bestGain = -1;
            for (int i = 0; i < n; i++) {
                if (chosen.contains(i)) {
                    continue;
                }
                // det(M + w x x^T) = det(M) (1 + w x^T M^-1 x): the gain of adding row i.
                double gain = weight[i] * quadratic(inverse, rows[i]);
                if (gain > bestGain + 1e-12) {
                    bestGain = gain;
                    best = i;
                }
            }
            chosen.add(best);
            addOuter(information, rows[best], weight[best]);
        }
        var reference = new ArrayList<SpaceConfig>(SIZE);
        for (int c : chosen) {
            reference.add(pool.get(c));
        }
        return reference;
    }

    /**
     * The corners a search reaches: the smallest config first, the full one second, the middle third (half the
     * blocks at alternating widths, middle steps), then kept blocks 1, 2, 4, 8, 12,
     * 18 and 24 (spread evenly, the last always kept) at the narrowest, the widest and alternating widths, each with
     * steps at every combination of 1 and the maximum per stage and at the middle.
     */
    static List<MmditConfig> corners(BaseModel base) {
        int depth = base.denoiser().depth();
        int stages = base.pyramid().stages();
        int max = base.pyramid().maxStepsPerStage();
        var steps = new ArrayList<List<Integer>>();
        for (int mask = 0; mask < 1 << stages; mask++) {
            var s = new ArrayList<Integer>(stages);
            for (int stage = 0; stage < stages; stage++) {
                s.add((mask >> stage & 1) == 1 ? max : 1);
            }
            steps.add(s);
        }
        steps.add(Collections.nCopies(stages, (max + 1) / 2));
        var corners = new ArrayList<MmditConfig>();
        corners.add(config(depth, 1, MlpWidth.values()[0], null, steps.getFirst()));
        var full = MmditConfig.full(base);
        corners.add(new MmditConfig(full.keep(), full.mlpWidths(), Collections.nCopies(stages, max)));
        MlpWidth narrowest = MlpWidth.values()[0];
        MlpWidth widest = MlpWidth.values()[MlpWidth.values().length - 1];
        corners.add(config(depth, depth / 2, narrowest, widest, steps.getLast()));
        for (int kept : new int[] {1, 2, 4, 8, 12, 18, 24}) {
            if (kept > depth) {
                continue;
            }
            for (int widths = 0; widths < 3; widths++) {
                for (List<Integer> s : steps) {
                    corners.add(
                            switch (widths) {
                                case 0 -> config(depth, kept, narrowest, null, s);
                                case 1 -> config(depth, kept, widest, null, s);
                                default -> config(depth, kept, narrowest, widest, s);
                            });
                }
            }
        }
        return corners;
    }

    /** {@code kept} blocks spread evenly (the last always among them), widths alternating when {@code other} is set. */
    private static MmditConfig config(
            int depth, int kept, MlpWidth width, @Nullable MlpWidth other, List<Integer> steps) {
        var keep = new ArrayList<Boolean>(Collections.nCopies(depth, false));
        var widths = new ArrayList<MlpWidth>(depth);
        for (int k = 0; k < kept; k++) {
            keep.set(depth - 1 - (int) Math.round(k * (depth - 1) / (double) Math.max(kept - 1, 1)), true);
        }
        for (int block = 0; block < depth; block++) {
            widths.add(other != null && block % 2 == 1 ? other : width);
        }
        return new MmditConfig(keep, widths, steps);
    }

    private static List<MmditConfig> randomPool(BaseModel base) {
        var random = new SplittableRandom(SEED);
        var pool = new ArrayList<MmditConfig>(POOL);
        for (int i = 0; i < POOL; i++) {
            pool.add(draw(base, random));
        }
        return pool;
    }

    private static void addOuter(double[][] m, double[] x, double w) {
        for (int a = 0; a < x.length; a++) {
            for (int b = 0; b < x.length; b++) {
                m[a][b] += w * x[a] * x[b];
            }
        }
    }

    private static double quadratic(double[][] m, double[] x) {
        double sum = 0;
        for (int a = 0; a < x.length; a++) {
            for (int b = 0; b < x.length; b++) {
                sum += x[a] * m[a][b] * x[b];
            }
        }
        return sum;
    }

    /** The inverse of a small information matrix, with a ridge so a design short of points stays invertible. */
    private static double[][] inverseWithRidge(double[][] m) {
        var matrix = new Array2DRowRealMatrix(m);
        for (int i = 0; i < m.length; i++) {
            matrix.addToEntry(i, i, 1e-6);
        }
        return new CholeskyDecomposition(matrix, 1e-12, 1e-14)
                .getSolver()
                .getInverse()
                .getData();
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

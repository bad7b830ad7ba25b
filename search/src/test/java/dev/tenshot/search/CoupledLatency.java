package dev.tenshot.search;

import dev.tenshot.search.internal.ExactFront;
import dev.tenshot.space.mmdit.BaseModel;
import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * A latency whose genes interact, unlike {@link AdditiveLatency} on which the search's operators were tuned:
 * the per-step cost of the blocks is multiplied by the steps (so what dropping a block saves depends on the step
 * genes), and two neighbouring kept blocks of the same MLP width fuse and cost less together (so a block's cost
 * depends on its neighbour's genes). Both are how a real denoiser behaves: every step runs every kept block, at a
 * token count that grows 4x per pyramid stage, and a runtime fuses adjacent layers of the same shape. The block
 * costs have a different shape over depth than the additive problem's too.
 *
 * <pre>
 * latency = 0.2 * sum over stages s of steps[s] * 4^s
 *               * (1 + sum over kept blocks b of cost(b, width) - 0.2 * (kept neighbour pairs of one width))
 * </pre>
 *
 * <p>The exact front is still computable, which is what makes this a fair test rather than a comparison with another
 * heuristic: both factors are positive and the latency grows with each, so every point of the true front is a
 * product of a point of the steps' own front (steps weight vs step loss) and a point of the blocks' own front (block
 * cost vs block loss). The blocks' front comes from dynamic programming along the chain of blocks whose state is the
 * previous block's choice, the steps' front from enumerating the step counts.
 */
final class CoupledLatency implements LatencyEstimator {

    private static final double MS_PER_UNIT = 0.2;
    private static final double FUSION_SAVING = 0.2;
    private static final MlpWidth[] WIDTHS = MlpWidth.values();

    /** One block's cost per step at unit resolution; at least 0.525, so a fused pair never costs less than nothing. */
    static double blockCost(int block, MlpWidth width) {
        return (0.5 + width.fraction()) * (1 + 0.3 * Math.cos(1.7 * block));
    }

    static double stageWeight(int stage) {
        return Math.pow(4, stage);
    }

    double latencyMs(MmditConfig config) {
        double steps = 0;
        for (int stage = 0; stage < config.steps().size(); stage++) {
            steps += stageWeight(stage) * config.steps().get(stage);
        }
        double blocks = 1;
        for (int block = 0; block < config.depth(); block++) {
            if (config.keep().get(block)) {
                var width = config.mlpWidths().get(block);
                blocks += blockCost(block, width);
                if (block > 0
                        && config.keep().get(block - 1)
                        && config.mlpWidths().get(block - 1) == width) {
                    blocks -= FUSION_SAVING;
                }
            }
        }
        return MS_PER_UNIT * steps * blocks;
    }

    @Override
    public double[] estimateMs(List<MmditConfig> configs) {
        return configs.stream().mapToDouble(this::latencyMs).toArray();
    }

    /** The exact front of this latency and the quality loss, {@code {latencyMs, loss}} by latency ascending. */
    static List<double[]> exactFront(MmditPruningSpace space, QualityModel quality) {
        var blocks = blockFront(space.depth(), quality);
        var steps = stepFront(space.base().pyramid(), quality);
        var products = new ArrayList<double[]>(blocks.size() * steps.size());
        for (double[] s : steps) {
            for (double[] b : blocks) {
                products.add(new double[] {MS_PER_UNIT * s[0] * (1 + b[0]), s[1] + b[1]});
            }
        }
        return ExactFront.nonDominated(products);
    }

    /**
     * The front of (block cost, block loss): per state (the previous block dropped, state 0, or kept at width w,
     * state 1 + w) the non-dominated partial sums, since what follows depends on the state only.
     */
    private static List<double[]> blockFront(int depth, QualityModel quality) {
        List<List<double[]>> byState = new ArrayList<>();
        for (int state = 0; state <= WIDTHS.length; state++) {
            byState.add(state == 0 ? List.of(new double[] {0, 0}) : List.of());
        }
        for (int block = 0; block < depth; block++) {
            var next = new ArrayList<List<double[]>>();
            for (int state = 0; state <= WIDTHS.length; state++) {
                next.add(new ArrayList<>());
            }
            for (int state = 0; state <= WIDTHS.length; state++) {
                for (double[] partial : byState.get(state)) {
                    if (block < depth - 1) { // the last block is never dropped
                        next.get(0).add(new double[] {
                            partial[0], partial[1] + quality.blockLoss(block, false, MlpWidth.FULL)
                        });
                    }
                    for (int w = 0; w < WIDTHS.length; w++) {
                        double fused = state == 1 + w ? FUSION_SAVING : 0;
                        next.get(1 + w).add(new double[] {
                            partial[0] + blockCost(block, WIDTHS[w]) - fused,
                            partial[1] + quality.blockLoss(block, true, WIDTHS[w])
                        });
                    }
                }
            }
            byState = next.stream().map(ExactFront::nonDominated).toList();
        }
        return ExactFront.nonDominated(byState.stream().flatMap(List::stream).toList());
    }

    /** The front of (steps weighted by stage, step loss), by enumerating every step count of every stage. */
    private static List<double[]> stepFront(BaseModel.Pyramid pyramid, QualityModel quality) {
        List<double[]> sums = List.of(new double[] {0, 0});
        for (int stage = 0; stage < pyramid.stages(); stage++) {
            var next = new ArrayList<double[]>();
            for (double[] partial : sums) {
                for (int steps = 1; steps <= pyramid.maxStepsPerStage(); steps++) {
                    next.add(new double[] {
                        partial[0] + stageWeight(stage) * steps, partial[1] + quality.stepLoss(stage, steps)
                    });
                }
            }
            sums = ExactFront.nonDominated(next); // additive over stages: dominated partial sums stay dominated
        }
        return sums;
    }
}

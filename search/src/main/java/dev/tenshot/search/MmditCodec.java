package dev.tenshot.search;

import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.engine.InvertibleCodec;
import io.jenetics.util.Factory;
import io.jenetics.util.IntRange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Maps Jenetics genotypes to pruned MMDiT configs and back. A genotype holds one gene type, so every decision is an
 * integer gene (ranges exclude their upper bound):
 *
 * <ol>
 *   <li>keep bits for blocks {@code 0 .. depth-2}, each in [0, 2) (the last block is always kept and has no gene);
 *   <li>the MLP width index ({@link MlpWidth#ordinal()}) of every block, each in [0, 4);
 *   <li>the steps of every pyramid stage, each in [1, maxStepsPerStage + 1).
 * </ol>
 *
 * A dropped block's width gene is kept but ignored, so a later mutation can bring the block back with it.
 */
public final class MmditCodec implements InvertibleCodec<MmditConfig, IntegerGene> {

    private static final List<MlpWidth> WIDTHS = List.of(MlpWidth.values());

    private final int depth;
    private final int stages;
    private final int maxSteps;

    private MmditCodec(int depth, int stages, int maxSteps) {
        if (depth < 2) {
            throw new IllegalArgumentException("depth must be >= 2: " + depth);
        }
        if (stages < 1 || maxSteps < 1) {
            throw new IllegalArgumentException("stages and maxSteps must be >= 1: " + stages + ", " + maxSteps);
        }
        this.depth = depth;
        this.stages = stages;
        this.maxSteps = maxSteps;
    }

    /** The codec for a space's depth, pyramid stages and step limit. */
    public static MmditCodec of(MmditPruningSpace space) {
        return new MmditCodec(
                space.depth(),
                space.base().pyramid().stages(),
                space.base().pyramid().maxStepsPerStage());
    }

    @Override
    public Factory<Genotype<IntegerGene>> encoding() {
        return Genotype.of(
                IntegerChromosome.of(new IntRange(0, 2), depth - 1),
                IntegerChromosome.of(new IntRange(0, WIDTHS.size()), depth),
                IntegerChromosome.of(new IntRange(1, maxSteps + 1), stages));
    }

    @Override
    public Function<Genotype<IntegerGene>, MmditConfig> decoder() {
        return this::toConfig;
    }

    @Override
    public Function<MmditConfig, Genotype<IntegerGene>> encoder() {
        return this::toGenotype;
    }

    private MmditConfig toConfig(Genotype<IntegerGene> genotype) {
        var keepGenes = genotype.get(0);
        var widthGenes = genotype.get(1);
        var stepGenes = genotype.get(2);
        var keep = new ArrayList<Boolean>(depth);
        var widths = new ArrayList<MlpWidth>(depth);
        for (int block = 0; block < depth; block++) {
            keep.add(block == depth - 1 || keepGenes.get(block).intValue() == 1);
            widths.add(WIDTHS.get(widthGenes.get(block).intValue()));
        }
        var steps = new ArrayList<Integer>(stages);
        for (int stage = 0; stage < stages; stage++) {
            steps.add(stepGenes.get(stage).intValue());
        }
        return new MmditConfig(keep, widths, steps);
    }

    private Genotype<IntegerGene> toGenotype(MmditConfig config) {
        if (config.depth() != depth || config.steps().size() != stages) {
            throw new IllegalArgumentException("config has depth " + config.depth() + " and "
                    + config.steps().size() + " stages; codec expects " + depth + " and " + stages);
        }
        var keep = new IntegerGene[depth - 1];
        for (int block = 0; block < depth - 1; block++) {
            keep[block] = IntegerGene.of(config.keep().get(block) ? 1 : 0, 0, 2);
        }
        var widths = new IntegerGene[depth];
        for (int block = 0; block < depth; block++) {
            widths[block] = IntegerGene.of(config.mlpWidths().get(block).ordinal(), 0, WIDTHS.size());
        }
        var steps = new IntegerGene[stages];
        for (int stage = 0; stage < stages; stage++) {
            int value = config.steps().get(stage);
            if (value > maxSteps) {
                throw new IllegalArgumentException("stage " + stage + " has " + value + " steps, max " + maxSteps);
            }
            steps[stage] = IntegerGene.of(value, 1, maxSteps + 1);
        }
        return Genotype.of(IntegerChromosome.of(keep), IntegerChromosome.of(widths), IntegerChromosome.of(steps));
    }
}

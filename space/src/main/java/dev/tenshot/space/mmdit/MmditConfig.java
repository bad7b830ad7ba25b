package dev.tenshot.space.mmdit;

import dev.tenshot.space.SpaceConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pruned MMDiT denoiser: for each joint block whether it is kept and the width of its MLP, and the denoising steps
 * of each pyramid stage. A dropped block has no MLP, so its width is normalised to {@link MlpWidth#FULL}: configs
 * that differ only there are equal.
 *
 * @param keep one entry per block, the last one always {@code true}
 * @param mlpWidths one entry per block
 * @param steps denoising steps per pyramid stage, coarse to fine, each at least 1
 */
public record MmditConfig(List<Boolean> keep, List<MlpWidth> mlpWidths, List<Integer> steps) implements SpaceConfig {

    public MmditConfig {
        if (keep.size() != mlpWidths.size()) {
            throw new IllegalArgumentException(
                    "keep and mlpWidths differ in length: " + keep.size() + " != " + mlpWidths.size());
        }
        if (keep.isEmpty() || !keep.getLast()) {
            throw new IllegalArgumentException("the last block is always kept: " + keep);
        }
        if (steps.isEmpty() || steps.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("every pyramid stage needs at least one step: " + steps);
        }
        var widths = new ArrayList<MlpWidth>(mlpWidths.size());
        for (int block = 0; block < keep.size(); block++) {
            widths.add(keep.get(block) ? mlpWidths.get(block) : MlpWidth.FULL);
        }
        keep = List.copyOf(keep);
        mlpWidths = List.copyOf(widths);
        steps = List.copyOf(steps);
    }

    /** The unpruned model with the base model's default steps. */
    public static MmditConfig full(BaseModel base) {
        int depth = base.denoiser().depth();
        return new MmditConfig(
                Collections.nCopies(depth, true),
                Collections.nCopies(depth, MlpWidth.FULL),
                base.pyramid().defaultSteps());
    }

    public int depth() {
        return keep.size();
    }

    public int keptBlocks() {
        return (int) keep.stream().filter(k -> k).count();
    }

    /** The MLP width of a kept block, or empty for a dropped one. */
    public java.util.Optional<MlpWidth> widthOf(int block) {
        return keep.get(block) ? java.util.Optional.of(mlpWidths.get(block)) : java.util.Optional.empty();
    }

    /**
     * The hash of the canonical JSON text written straight from the fields, the same text as {@link #toJson()}'s tree
     * gives: a prediction request hashes up to 10,000 configs, and building and writing a tree for each was a third of
     * its time.
     */
    @Override
    public String contentHash() {
        var text = new StringBuilder(24 * 12)
                .append("{\"")
                .append(MmditPruningSpace.KEEP_FIELD)
                .append("\":[");
        for (int block = 0; block < keep.size(); block++) {
            text.append(block == 0 ? "" : ",").append(keep.get(block).booleanValue());
        }
        text.append("],\"").append(MmditPruningSpace.MLP_WIDTH_FIELD).append("\":[");
        for (int block = 0; block < mlpWidths.size(); block++) {
            text.append(block == 0 ? "" : ",").append(mlpWidths.get(block).fraction());
        }
        text.append("],\"").append(MmditPruningSpace.STEPS_FIELD).append("\":[");
        for (int stage = 0; stage < steps.size(); stage++) {
            text.append(stage == 0 ? "" : ",").append(steps.get(stage).intValue());
        }
        return CanonicalJson.sha256(text.append("]}").toString());
    }

    @Override
    public JsonNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        var keepArray = json.putArray(MmditPruningSpace.KEEP_FIELD);
        keep.forEach(keepArray::add);
        var widthArray = json.putArray(MmditPruningSpace.MLP_WIDTH_FIELD);
        mlpWidths.forEach(w -> widthArray.add(w.fraction()));
        var stepsArray = json.putArray(MmditPruningSpace.STEPS_FIELD);
        steps.forEach(stepsArray::add);
        return json;
    }
}

package dev.tenshot.space.mmdit;

import dev.tenshot.space.SpaceConfig;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pruned MMDiT denoiser: for each joint block, whether it is kept and the width of its MLP. A dropped block has
 * no MLP, so its width is normalised to {@link MlpWidth#FULL}: configs that differ only there are equal.
 *
 * @param keep one entry per block, the last one always {@code true}
 * @param mlpWidths one entry per block
 */
public record MmditConfig(List<Boolean> keep, List<MlpWidth> mlpWidths) implements SpaceConfig {

    public MmditConfig {
        if (keep.size() != mlpWidths.size()) {
            throw new IllegalArgumentException(
                    "keep and mlpWidths differ in length: " + keep.size() + " != " + mlpWidths.size());
        }
        if (keep.isEmpty() || !keep.getLast()) {
            throw new IllegalArgumentException("the last block is always kept: " + keep);
        }
        var widths = new ArrayList<MlpWidth>(mlpWidths.size());
        for (int block = 0; block < keep.size(); block++) {
            widths.add(keep.get(block) ? mlpWidths.get(block) : MlpWidth.FULL);
        }
        keep = List.copyOf(keep);
        mlpWidths = List.copyOf(widths);
    }

    /** The unpruned model of {@code depth} blocks. */
    public static MmditConfig full(int depth) {
        return new MmditConfig(
                java.util.Collections.nCopies(depth, true), java.util.Collections.nCopies(depth, MlpWidth.FULL));
    }

    public int depth() {
        return keep.size();
    }

    public int keptBlocks() {
        return (int) keep.stream().filter(k -> k).count();
    }

    @Override
    public JsonNode toJson() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode json = nodes.objectNode();
        var keepArray = json.putArray(MmditPruningSpace.KEEP_FIELD);
        keep.forEach(keepArray::add);
        var widthArray = json.putArray(MmditPruningSpace.MLP_WIDTH_FIELD);
        mlpWidths.forEach(w -> widthArray.add(w.fraction()));
        return json;
    }
}

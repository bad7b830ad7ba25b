package dev.tenshot.space.mmdit;

import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.SearchSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Block pruning and MLP narrowing of an MMDiT denoiser (Neodragon prunes Pyramid-Flow's 24 joint blocks to 18;
 * Elastic-DiT keeps a block at MLP width 1/4, 1/2, 3/4 or 1). A config in JSON:
 *
 * <pre>{@code {"keep": [true, ..., true], "mlpWidth": [1, 0.5, ..., 0.75]}}</pre>
 *
 * <p>{@code keep} holds one boolean (or 0/1) per block and its last entry must be true: the last joint block has
 * no text-stream MLP and is never pruned. {@code mlpWidth} holds one of 0.25, 0.5, 0.75, 1 per block.
 */
public final class MmditPruningSpace implements SearchSpace {

    public static final String NAME = "mmdit-pruning";
    static final String KEEP_FIELD = "keep";
    static final String MLP_WIDTH_FIELD = "mlpWidth";
    private static final Set<String> FIELDS = Set.of(KEEP_FIELD, MLP_WIDTH_FIELD);
    private static final String WIDTH_CHOICES =
            Arrays.stream(MlpWidth.values()).map(w -> format(w.fraction())).collect(Collectors.joining(", "));

    private final int depth;

    /**
     * @param depth number of joint blocks in the base model, at least 1
     * @throws IllegalArgumentException if {@code depth < 1}
     */
    public MmditPruningSpace(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1: " + depth);
        }
        this.depth = depth;
    }

    /** Pyramid-Flow SD3 as pruned by Neodragon: 24 MMDiT joint blocks. */
    public static MmditPruningSpace neodragon() {
        return new MmditPruningSpace(24);
    }

    public int depth() {
        return depth;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Keep or drop each of " + depth + " MMDiT joint blocks and set its MLP width to 1/4, 1/2, 3/4 or 1";
    }

    @Override
    public ConfigCheck check(JsonNode config) {
        if (!config.isObject()) {
            return new ConfigCheck.Invalid(List.of("config must be a JSON object with fields keep and mlpWidth"));
        }
        var problems = new ArrayList<String>();
        config.propertyNames().stream()
                .filter(field -> !FIELDS.contains(field))
                .sorted()
                .forEach(field -> problems.add("unknown field '" + field + "'"));
        List<Boolean> keep = readKeep(config.get(KEEP_FIELD), problems);
        List<MlpWidth> widths = readWidths(config.get(MLP_WIDTH_FIELD), problems);
        if (!problems.isEmpty()) {
            return new ConfigCheck.Invalid(problems);
        }
        return new ConfigCheck.Valid(new MmditConfig(keep, widths));
    }

    private List<Boolean> readKeep(JsonNode node, List<String> problems) {
        if (!isArrayOfDepth(node, KEEP_FIELD, problems)) {
            return List.of();
        }
        var keep = new ArrayList<Boolean>(depth);
        for (int block = 0; block < depth; block++) {
            JsonNode bit = node.get(block);
            if (bit.isBoolean()) {
                keep.add(bit.booleanValue());
            } else if (bit.isIntegralNumber() && (bit.asLong() == 0 || bit.asLong() == 1)) {
                keep.add(bit.asLong() == 1);
            } else {
                problems.add(KEEP_FIELD + "[" + block + "] must be true, false, 0 or 1: got " + bit);
                keep.add(true);
            }
        }
        if (!keep.getLast()) {
            problems.add(KEEP_FIELD + "[" + (depth - 1) + "] must be true: the last block is never pruned");
        }
        return keep;
    }

    private List<MlpWidth> readWidths(JsonNode node, List<String> problems) {
        if (!isArrayOfDepth(node, MLP_WIDTH_FIELD, problems)) {
            return List.of();
        }
        var widths = new ArrayList<MlpWidth>(depth);
        for (int block = 0; block < depth; block++) {
            JsonNode value = node.get(block);
            var width = value.isNumber() ? MlpWidth.ofFraction(value.asDouble()) : java.util.Optional.<MlpWidth>empty();
            if (width.isEmpty()) {
                problems.add(MLP_WIDTH_FIELD + "[" + block + "] must be one of " + WIDTH_CHOICES + ": got " + value);
            }
            widths.add(width.orElse(MlpWidth.FULL));
        }
        return widths;
    }

    private boolean isArrayOfDepth(JsonNode node, String field, List<String> problems) {
        if (node == null || node.isNull()) {
            problems.add(field + " is required: an array of " + depth + " entries, one per block");
            return false;
        }
        if (!node.isArray() || node.size() != depth) {
            String got = node.isArray()
                    ? node.size() + " entries"
                    : node.getNodeType().toString().toLowerCase();
            problems.add(field + " must be an array of " + depth + " entries, one per block: got " + got);
            return false;
        }
        return true;
    }

    private static String format(double fraction) {
        return fraction == 1.0 ? "1" : Double.toString(fraction);
    }
}

package dev.tenshot.space.mmdit;

import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SpaceConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Block pruning and MLP narrowing of an MMDiT denoiser, plus steps per pyramid stage (Neodragon prunes
 * Pyramid-Flow's 24 joint blocks to 18; Elastic-DiT keeps a block at MLP width 1/4, 1/2, 3/4 or 1). A config in
 * JSON:
 *
 * <pre>{@code {"keep": [true, ..., true], "mlpWidth": [1, 0.5, ..., 0.75], "steps": [10, 10, 10]}}</pre>
 *
 * <p>{@code keep} holds one boolean (or 0/1) per block and its last entry must be true: the last joint block has
 * no text-stream MLP and is never pruned. {@code mlpWidth} holds one of 0.25, 0.5, 0.75, 1 per block. {@code
 * steps} is optional (the base model's defaults) and holds one count per pyramid stage in [1, max steps].
 */
public final class MmditPruningSpace implements SearchSpace {

    public static final String NAME = "mmdit-pruning";
    static final String KEEP_FIELD = "keep";
    static final String MLP_WIDTH_FIELD = "mlpWidth";
    static final String STEPS_FIELD = "steps";
    private static final Set<String> FIELDS = Set.of(KEEP_FIELD, MLP_WIDTH_FIELD, STEPS_FIELD);
    private static final String WIDTH_CHOICES =
            Arrays.stream(MlpWidth.values()).map(w -> format(w.fraction())).collect(Collectors.joining(", "));

    private final BaseModel base;
    private final int depth;
    private final MmditCostModel costs;
    private final List<String> featureNames;
    private final SortedMap<Integer, List<SpaceConfig>> referenceSets;

    public MmditPruningSpace(BaseModel base) {
        this.base = base;
        this.depth = base.denoiser().depth();
        this.costs = new MmditCostModel(base);
        this.featureNames = MmditFeatures.names(base);
        var sets = new TreeMap<Integer, List<SpaceConfig>>();
        for (int version = 1; version <= MmditReferenceSet.CURRENT; version++) {
            sets.put(version, List.copyOf(MmditReferenceSet.select(this, version)));
        }
        this.referenceSets = Collections.unmodifiableSortedMap(sets);
    }

    /** Pyramid-Flow SD3 as pruned by Neodragon: 24 MMDiT joint blocks, three pyramid stages. */
    public static MmditPruningSpace neodragon() {
        return Holder.NEODRAGON;
    }

    public BaseModel base() {
        return base;
    }

    public int depth() {
        return depth;
    }

    public MmditCostModel costs() {
        return costs;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Keep or drop each of " + depth + " MMDiT joint blocks of " + base.name()
                + ", set its MLP width to 1/4, 1/2, 3/4 or 1, and choose the steps of each pyramid stage";
    }

    @Override
    public ConfigCheck check(JsonNode config) {
        if (!config.isObject()) {
            return new ConfigCheck.Invalid(
                    List.of("config must be a JSON object with fields keep, mlpWidth and (optionally) steps"));
        }
        var problems = new ArrayList<String>();
        config.propertyNames().stream()
                .filter(field -> !FIELDS.contains(field))
                .sorted()
                .forEach(field -> problems.add("unknown field '" + field + "'"));
        List<Boolean> keep = readKeep(config.get(KEEP_FIELD), problems);
        List<MlpWidth> widths = readWidths(config.get(MLP_WIDTH_FIELD), problems);
        List<Integer> steps = readSteps(config.get(STEPS_FIELD), problems);
        if (!problems.isEmpty()) {
            return new ConfigCheck.Invalid(problems);
        }
        return new ConfigCheck.Valid(new MmditConfig(keep, widths, steps));
    }

    @Override
    public JsonNode configSchema() {
        var json = JsonNodeFactory.instance;
        ObjectNode schema = json.objectNode()
                .put("type", "object")
                .put(
                        "description",
                        "A config of " + NAME + ": which of the " + depth + " joint blocks to keep (the"
                                + " last always), each kept block's MLP width, and the denoiser steps per pyramid stage")
                .put("additionalProperties", false);
        schema.putArray("required").add(KEEP_FIELD).add(MLP_WIDTH_FIELD);
        ObjectNode properties = schema.putObject("properties");
        ObjectNode keepBit = json.objectNode();
        keepBit.putArray("oneOf")
                .add(json.objectNode().put("type", "boolean"))
                .add(json.objectNode().set("enum", json.arrayNode().add(0).add(1)));
        perBlock(properties.putObject(KEEP_FIELD), "Whether each block is kept", depth)
                .set("items", keepBit);
        ObjectNode width = json.objectNode();
        Arrays.stream(MlpWidth.values()).forEach(w -> width.withArray("enum").add(w.fraction()));
        perBlock(properties.putObject(MLP_WIDTH_FIELD), "Each block's MLP width, a fraction of the full width", depth)
                .set("items", width);
        var pyramid = base.pyramid();
        perBlock(
                        properties.putObject(STEPS_FIELD),
                        "Denoiser steps per pyramid stage (default " + pyramid.defaultSteps() + ")",
                        pyramid.stages())
                .set(
                        "items",
                        json.objectNode()
                                .put("type", "integer")
                                .put("minimum", 1)
                                .put("maximum", pyramid.maxStepsPerStage()));
        return schema;
    }

    private static ObjectNode perBlock(ObjectNode array, String description, int length) {
        return array.put("type", "array")
                .put("description", description)
                .put("minItems", length)
                .put("maxItems", length);
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public double[] features(SpaceConfig config) {
        return MmditFeatures.of(costs, cast(config), base.pyramid().callsPerStep());
    }

    @Override
    public List<SpaceConfig> referenceConfigs() {
        return Objects.requireNonNull(referenceSets.get(referenceSets.lastKey()));
    }

    @Override
    public SortedMap<Integer, List<SpaceConfig>> referenceSets() {
        return referenceSets;
    }

    /**
     * A random config: a keep probability uniform in [0.3, 1], then per block keep with that probability and a
     * uniform MLP width, and uniform steps per stage. The reference sets' pools are drawn the same way.
     */
    public MmditConfig sample(java.util.SplittableRandom random) {
        return MmditReferenceSet.draw(base, random);
    }

    /**
     * The corners a search drives to: 1 to 24 kept blocks at the narrowest, the widest and alternating widths, with
     * steps at every combination of 1 and the maximum per stage, and the middle (the pool the reference set's design
     * chooses from, besides random draws); for evaluating a predictor where the search goes.
     */
    public List<MmditConfig> corners() {
        return MmditReferenceSet.corners(base);
    }

    /**
     * The config with the fewest weights: only the last block kept (the final layer reads its output), at the
     * narrowest MLP, one step per stage. No memory budget below its weights can be met.
     */
    public MmditConfig smallest() {
        var keep = new ArrayList<>(Collections.nCopies(depth, false));
        keep.set(depth - 1, true);
        return new MmditConfig(
                keep,
                Collections.nCopies(depth, MlpWidth.QUARTER),
                Collections.nCopies(base.pyramid().stages(), 1));
    }

    /** A config of this space, or an {@link IllegalArgumentException} naming what was given instead. */
    public MmditConfig cast(SpaceConfig config) {
        if (!(config instanceof MmditConfig mmdit) || mmdit.depth() != depth) {
            throw new IllegalArgumentException("not a config of " + NAME + " with depth " + depth + ": " + config);
        }
        return mmdit;
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
            Optional<MlpWidth> width = value.isNumber() ? MlpWidth.ofFraction(value.asDouble()) : Optional.empty();
            if (width.isEmpty()) {
                problems.add(MLP_WIDTH_FIELD + "[" + block + "] must be one of " + WIDTH_CHOICES + ": got " + value);
            }
            widths.add(width.orElse(MlpWidth.FULL));
        }
        return widths;
    }

    private List<Integer> readSteps(JsonNode node, List<String> problems) {
        var pyramid = base.pyramid();
        if (node == null || node.isNull()) {
            return pyramid.defaultSteps();
        }
        if (!node.isArray() || node.size() != pyramid.stages()) {
            problems.add(STEPS_FIELD + " must be an array of " + pyramid.stages() + " step counts, one per pyramid"
                    + " stage: got " + node);
            return List.of();
        }
        var steps = new ArrayList<Integer>(pyramid.stages());
        for (int stage = 0; stage < pyramid.stages(); stage++) {
            JsonNode value = node.get(stage);
            if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > pyramid.maxStepsPerStage()) {
                problems.add(STEPS_FIELD + "[" + stage + "] must be an integer in [1, " + pyramid.maxStepsPerStage()
                        + "]: got " + value);
                steps.add(1);
            } else {
                steps.add(value.asInt());
            }
        }
        return steps;
    }

    private boolean isArrayOfDepth(JsonNode node, String field, List<String> problems) {
        if (node == null || node.isNull()) {
            problems.add(field + " is required: an array of " + depth + " entries, one per block");
            return false;
        }
        if (!node.isArray() || node.size() != depth) {
            String got = node.isArray()
                    ? node.size() + " entries"
                    : node.getNodeType().toString().toLowerCase(Locale.ROOT);
            problems.add(field + " must be an array of " + depth + " entries, one per block: got " + got);
            return false;
        }
        return true;
    }

    private static String format(double fraction) {
        return fraction == 1.0 ? "1" : Double.toString(fraction);
    }

    /** Loaded on first use: the descriptor read and the reference set chosen once per JVM. */
    private static final class Holder {
        static final MmditPruningSpace NEODRAGON = new MmditPruningSpace(BaseModel.neodragon());
    }
}

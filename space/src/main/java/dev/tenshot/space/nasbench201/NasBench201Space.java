package dev.tenshot.space.nasbench201;

import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SpaceConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * NAS-Bench-201's cell space (15,625 cells), where HELP's public latency tables live; tenshot uses it to validate
 * its predictor against published figures. A config in JSON: {@code {"arch": "|op~0|+|op~0|op~1|+|op~0|op~1|op~2|"}}.
 * Features are the one-hot op of each edge, in the column order of HELP's dataset ({@code e0_none ...
 * e5_avg_pool_3x3}), then what the cell costs where it runs, counting only ops on edges that carry data from input
 * to output ({@link CellCost}: FLOPs and depth). The
 * reference set is HELP's own.
 */
public final class NasBench201Space implements SearchSpace {

    public static final String NAME = "nasbench201";
    static final String ARCH_FIELD = "arch";
    /**
     * After the one-hot ops, what the cell costs where it runs ({@link CellCost}): FLOPs of the live ops and the
     * depth of the longest live path. The other counts (live convolutions, pools, skips, kernels) are nearly linear
     * in the one-hot columns and only made the fits degenerate; on meta_valid the two tie with the one-hot alone or
     * better (see docs/benchmarks.md).
     */
    static final List<String> COST_FEATURES = List.of("flops", "depth");

    private static final NasBench201Space INSTANCE = new NasBench201Space();

    private final List<String> featureNames;
    private final List<SpaceConfig> referenceConfigs;

    private NasBench201Space() {
        var names = new ArrayList<String>();
        for (int edge = 0; edge < Cell.EDGES; edge++) {
            for (CellOp op : CellOp.values()) {
                names.add("e" + edge + "_" + op.token());
            }
        }
        names.addAll(COST_FEATURES);
        this.featureNames = List.copyOf(names);
        this.referenceConfigs = List.copyOf(readReferenceSet());
    }

    public static NasBench201Space instance() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "NAS-Bench-201 cells: one of 5 ops on each of 6 edges (HELP's public latency data)";
    }

    @Override
    public ConfigCheck check(JsonNode config) {
        JsonNode arch = config.isObject() ? config.get(ARCH_FIELD) : null;
        if (arch == null || !arch.isString() || config.size() != 1) {
            return new ConfigCheck.Invalid(List.of("config must be {\"arch\": \"<cell string>\"} and nothing else"));
        }
        return parse(arch.asString())
                .<ConfigCheck>map(ConfigCheck.Valid::new)
                .orElseGet(() -> new ConfigCheck.Invalid(List.of("arch must be a NAS-Bench-201 cell string such as"
                        + " |nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|: got "
                        + arch.asString())));
    }

    @Override
    public JsonNode configSchema() {
        var json = JsonNodeFactory.instance;
        ObjectNode schema = json.objectNode()
                .put("type", "object")
                .put("description", "A NAS-Bench-201 cell")
                .put("additionalProperties", false);
        schema.putArray("required").add(ARCH_FIELD);
        String op = Arrays.stream(CellOp.values()).map(CellOp::token).collect(Collectors.joining("|", "(", ")"));
        schema.putObject("properties")
                .putObject(ARCH_FIELD)
                .put("type", "string")
                .put(
                        "description",
                        "The cell string, e.g. |nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|")
                .put(
                        "pattern",
                        "^\\|" + op + "~0\\|\\+\\|" + op + "~0\\|" + op + "~1\\|\\+\\|" + op + "~0\\|" + op + "~1\\|"
                                + op + "~2\\|$");
        return schema;
    }

    /** Parses a cell string; empty if it is not one. */
    public static Optional<Cell> parse(String cellString) {
        String[] nodes = cellString.split("\\+", -1);
        if (nodes.length != 3) {
            return Optional.empty();
        }
        var ops = new ArrayList<CellOp>(Cell.EDGES);
        for (int node = 0; node < 3; node++) {
            String group = nodes[node];
            if (!group.startsWith("|") || !group.endsWith("|")) {
                return Optional.empty();
            }
            String[] edges = group.substring(1, group.length() - 1).split("\\|", -1);
            if (edges.length != node + 1) {
                return Optional.empty();
            }
            for (int input = 0; input <= node; input++) {
                String[] parts = edges[input].split("~", -1);
                if (parts.length != 2 || !parts[1].equals(Integer.toString(input))) {
                    return Optional.empty();
                }
                Optional<CellOp> op = CellOp.ofToken(parts[0]);
                if (op.isEmpty()) {
                    return Optional.empty();
                }
                ops.add(op.get());
            }
        }
        return Optional.of(new Cell(ops));
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public double[] features(SpaceConfig config) {
        if (!(config instanceof Cell cell)) {
            throw new IllegalArgumentException("not a config of " + NAME + ": " + config);
        }
        int oneHot = Cell.EDGES * CellOp.values().length;
        double[] features = new double[oneHot + COST_FEATURES.size()];
        for (int edge = 0; edge < Cell.EDGES; edge++) {
            features[edge * CellOp.values().length + cell.ops().get(edge).ordinal()] = 1;
        }
        var cost = CellCost.of(cell);
        features[oneHot] = cost.flopsMillions();
        features[oneHot + 1] = cost.depth();
        return features;
    }

    @Override
    public List<SpaceConfig> referenceConfigs() {
        return referenceConfigs;
    }

    private static List<SpaceConfig> readReferenceSet() {
        var stream = Objects.requireNonNull(
                NasBench201Space.class.getResourceAsStream("reference.csv"), "nasbench201/reference.csv");
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .filter(line -> !line.startsWith("#") && !line.startsWith("position"))
                    .map(line -> line.split(",", 3)[2])
                    .map(arch -> (SpaceConfig)
                            parse(arch).orElseThrow(() -> new IllegalStateException("bad reference cell " + arch)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the NAS-Bench-201 reference set", e);
        }
    }
}

package dev.tenshot.space.nasbench201;

import dev.tenshot.space.SpaceConfig;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A NAS-Bench-201 cell: four nodes, six edges (1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2), one op per edge.
 *
 * @param ops the op of each edge, in that order
 */
public record Cell(List<CellOp> ops) implements SpaceConfig {

    static final int EDGES = 6;

    public Cell {
        if (ops.size() != EDGES) {
            throw new IllegalArgumentException("a cell has 6 edges: got " + ops);
        }
        ops = List.copyOf(ops);
    }

    /** The cell string, e.g. {@code |nor_conv_3x3~0|+|none~0|skip_connect~1|+|...|}. */
    public String toCellString() {
        var text = new StringBuilder();
        int edge = 0;
        for (int node = 1; node <= 3; node++) {
            if (node > 1) {
                text.append('+');
            }
            text.append('|');
            for (int input = 0; input < node; input++) {
                text.append(ops.get(edge++).token()).append('~').append(input).append('|');
            }
        }
        return text.toString();
    }

    @Override
    public JsonNode toJson() {
        return JsonNodeFactory.instance.objectNode().put(NasBench201Space.ARCH_FIELD, toCellString());
    }
}

package dev.tenshot.space.nasbench201;

/** The five operations an edge of a NAS-Bench-201 cell can carry, in NAS-Bench-201's own order. */
public enum CellOp {
    NONE("none"),
    SKIP_CONNECT("skip_connect"),
    NOR_CONV_1X1("nor_conv_1x1"),
    NOR_CONV_3X3("nor_conv_3x3"),
    AVG_POOL_3X3("avg_pool_3x3");

    private final String token;

    CellOp(String token) {
        this.token = token;
    }

    /** The name used in cell strings, e.g. {@code nor_conv_3x3}. */
    public String token() {
        return token;
    }

    static java.util.Optional<CellOp> ofToken(String token) {
        for (CellOp op : values()) {
            if (op.token.equals(token)) {
                return java.util.Optional.of(op);
            }
        }
        return java.util.Optional.empty();
    }
}

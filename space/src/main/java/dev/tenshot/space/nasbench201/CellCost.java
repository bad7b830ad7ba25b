package dev.tenshot.space.nasbench201;

/**
 * What a NAS-Bench-201 cell costs to run, counting only the ops on edges that carry data from the cell's input to
 * its output (an op whose edge starts at a node nothing reaches, or ends at a node that reaches nothing, is never
 * computed). The network is NAS-Bench-201's CIFAR macro skeleton: three stages of five cells at 16, 32 and 64
 * channels on 32x32, 16x16 and 8x8 feature maps; the stem, reduction blocks and classifier are the same for every
 * cell and left out.
 *
 * @param flopsMillions multiply and add operations of the 15 cells, in millions (a 3x3 convolution does 9
 *     multiply-accumulates per output per input channel, a 1x1 one, an average pool 9 adds per output)
 * @param kernels kernels launched by the 15 cells: ReLU, convolution and batch norm per convolution, one per pool,
 *     and an add for each extra input a node sums
 * @param depth parametric and pooling ops on the longest path from the cell's input to its output
 */
record CellCost(
        double flopsMillions,
        int effectiveConv3x3,
        int effectiveConv1x1,
        int effectivePool,
        int effectiveSkip,
        int kernels,
        int depth) {

    /** (from, to) of each edge, in {@link Cell}'s order. */
    private static final int[][] EDGES = {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}};

    private static final int[] CHANNELS = {16, 32, 64};
    private static final int[] PIXELS = {32 * 32, 16 * 16, 8 * 8};
    private static final int CELLS_PER_STAGE = 5;
    private static final int CELLS = CELLS_PER_STAGE * CHANNELS.length;

    static CellCost of(Cell cell) {
        boolean[] fromInput = new boolean[4];
        fromInput[0] = true;
        for (int e = 0; e < EDGES.length; e++) { // edges are ordered by their target node
            if (cell.ops().get(e) != CellOp.NONE && fromInput[EDGES[e][0]]) {
                fromInput[EDGES[e][1]] = true;
            }
        }
        boolean[] toOutput = new boolean[4];
        toOutput[3] = true;
        for (int e = EDGES.length - 1; e >= 0; e--) {
            if (cell.ops().get(e) != CellOp.NONE && toOutput[EDGES[e][1]]) {
                toOutput[EDGES[e][0]] = true;
            }
        }
        int[] count = new int[CellOp.values().length];
        int[] inputs = new int[4];
        int[] longest = new int[4];
        java.util.Arrays.fill(longest, Integer.MIN_VALUE);
        longest[0] = 0;
        for (int e = 0; e < EDGES.length; e++) {
            CellOp op = cell.ops().get(e);
            int from = EDGES[e][0];
            int to = EDGES[e][1];
            if (op == CellOp.NONE || !fromInput[from] || !toOutput[to]) {
                continue;
            }
            count[op.ordinal()]++;
            inputs[to]++;
            int length = longest[from] + (op == CellOp.SKIP_CONNECT ? 0 : 1);
            longest[to] = Math.max(longest[to], length);
        }
        double macs = 0;
        double poolAdds = 0;
        for (int stage = 0; stage < CHANNELS.length; stage++) {
            double perConv1x1 = (double) CHANNELS[stage] * CHANNELS[stage] * PIXELS[stage];
            macs += CELLS_PER_STAGE
                    * perConv1x1
                    * (9.0 * count[CellOp.NOR_CONV_3X3.ordinal()] + count[CellOp.NOR_CONV_1X1.ordinal()]);
            poolAdds += CELLS_PER_STAGE * 9.0 * CHANNELS[stage] * PIXELS[stage] * count[CellOp.AVG_POOL_3X3.ordinal()];
        }
        int adds = 0;
        for (int node = 1; node < 4; node++) {
            adds += Math.max(inputs[node] - 1, 0);
        }
        int convs = count[CellOp.NOR_CONV_3X3.ordinal()] + count[CellOp.NOR_CONV_1X1.ordinal()];
        int kernelsPerCell = 3 * convs + count[CellOp.AVG_POOL_3X3.ordinal()] + adds;
        return new CellCost(
                (2 * macs + poolAdds) / 1e6,
                count[CellOp.NOR_CONV_3X3.ordinal()],
                count[CellOp.NOR_CONV_1X1.ordinal()],
                count[CellOp.AVG_POOL_3X3.ordinal()],
                count[CellOp.SKIP_CONNECT.ordinal()],
                CELLS * kernelsPerCell,
                Math.max(longest[3], 0));
    }
}

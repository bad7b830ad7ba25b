package dev.tenshot.space.nasbench201;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.SpaceConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NasBench201SpaceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CELL =
            "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|";
    private final NasBench201Space space = NasBench201Space.instance();

    @Test
    void roundTripsACellString() {
        var check = (ConfigCheck.Valid) space.check(JSON.readTree("{\"arch\": \"" + CELL + "\"}"));

        assertThat(((Cell) check.config()).toCellString()).isEqualTo(CELL);
        assertThat(check.config().toJson().path("arch").asString()).isEqualTo(CELL);
    }

    @Test
    void encodesEachEdgeAsOneHotInTheDatasetsColumnOrder() {
        Cell cell = NasBench201Space.parse(CELL).orElseThrow();

        double[] features = space.features(cell);

        // arch 0 of the shared dataset: e0 avg_pool, e1 conv1x1, e2 skip, e3 conv1x1, e4 skip, e5 skip
        assertThat(features).hasSize(32);
        assertThat(java.util.Arrays.copyOf(features, 30))
                .containsExactly(
                        0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0);
        assertThat(space.featureNames().get(4)).isEqualTo("e0_avg_pool_3x3");
    }

    /**
     * Arch 0 by hand: every op is live; 2 convolutions 1x1 (2 x 16^2 x 32^2 MACs per stage-one cell, the same per
     * cell at every stage), one pool, three skips; nodes 2 and 3 sum 2 and 3 inputs (1 + 2 adds).
     */
    @Test
    void costsTheOpsThatRunAndNothingElse() {
        var cell = NasBench201Space.parse(CELL).orElseThrow();

        double macs = 15 * 2 * 16.0 * 16 * 32 * 32;
        double poolAdds = 5 * 9.0 * (16 * 1024 + 32 * 256 + 64 * 64);
        assertThat(CellCost.of(cell))
                .isEqualTo(new CellCost((2 * macs + poolAdds) / 1e6, 0, 2, 1, 3, 15 * (3 * 2 + 1 + 3), 1));
        assertThat(java.util.Arrays.copyOfRange(space.features(cell), 30, 32))
                .containsExactly((2 * macs + poolAdds) / 1e6, 1);
        assertThat(space.featureNames().subList(30, 32)).containsExactly("flops", "depth");
    }

    /** Node 1 feeds nothing (its outgoing edges are none), so the 3x3 convolution into it never runs. */
    @Test
    void leavesOutOpsOnEdgesThatDoNotReachTheOutput() {
        Cell dead = NasBench201Space.parse("|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|none~0|none~1|skip_connect~2|")
                .orElseThrow();

        var cost = CellCost.of(dead);

        assertThat(cost.flopsMillions()).isEqualTo(15 * 2 * 16.0 * 16 * 32 * 32 / 1e6);
        assertThat(cost.effectiveConv3x3()).isZero();
        assertThat(cost.effectiveConv1x1()).isEqualTo(1);
        assertThat(cost.kernels()).isEqualTo(15 * 3);
        assertThat(cost.depth()).isEqualTo(1);
    }

    @Test
    void rejectsMalformedCells() {
        assertThat(NasBench201Space.parse("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|"))
                .isEmpty();
        assertThat(NasBench201Space.parse("|none~1|+|none~0|none~1|+|none~0|none~1|none~2|"))
                .isEmpty();
        assertThat(NasBench201Space.parse("|none~0|+|none~0|none~1|")).isEmpty();
        assertThat(space.check(JSON.readTree("{\"arch\": 3}"))).isInstanceOf(ConfigCheck.Invalid.class);
        assertThat(space.check(JSON.readTree("{\"arch\": \"" + CELL + "\", \"x\": 1}")))
                .isInstanceOf(ConfigCheck.Invalid.class);
    }

    @Test
    void usesHelpsReferenceSetInHelpsOrder() {
        var reference = space.referenceConfigs();

        assertThat(reference).hasSize(10);
        assertThat(((Cell) reference.getFirst()).toCellString())
                .isEqualTo("|avg_pool_3x3~0|+|none~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|");
        assertThat(((Cell) reference.getLast()).toCellString())
                .isEqualTo("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1"
                        + "|nor_conv_3x3~2|");
        assertThat(reference.stream().map(SpaceConfig::contentHash).distinct()).hasSize(10);
    }
}

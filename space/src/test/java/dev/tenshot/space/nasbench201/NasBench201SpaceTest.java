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
        assertThat(features).hasSize(30);
        assertThat(features)
                .containsExactly(
                        0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0);
        assertThat(space.featureNames().get(4)).isEqualTo("e0_avg_pool_3x3");
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

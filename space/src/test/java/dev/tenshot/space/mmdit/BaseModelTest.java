package dev.tenshot.space.mmdit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class BaseModelTest {

    private final BaseModel base = BaseModel.neodragon();

    @Test
    void describesEveryFixedStagesNetworksWithACitedSource() {
        for (BaseModel.FixedStage stage : base.fixedStages()) {
            assertThat(stage.networks()).as(stage.stage()).isNotNull().isNotEmpty();
            for (BaseModel.Network network : Objects.requireNonNull(stage.networks())) {
                assertThat(base.sources()).as(network.name()).containsKey(network.source());
            }
        }
    }

    @Test
    void readsTheTextEncoderBundleAsThreeTransformers() {
        var text = base.fixedStages().stream()
                .filter(stage -> stage.stage().equals("textEncoder"))
                .findFirst()
                .orElseThrow();

        assertThat(text.networks()).extracting(BaseModel.Network::name).containsExactly("clipL", "clipG", "dt5");
        var dt5 =
                (BaseModel.Transformer) Objects.requireNonNull(text.networks()).get(2);
        assertThat(List.of(dt5.hidden(), dt5.layers())).containsExactly(768, 12);
        assertThat(dt5.estimated()).isTrue();
    }

    @Test
    void readsTheFirstFrameGeneratorsFourSteps() {
        var unet = base.fixedStages().stream()
                .flatMap(stage -> Objects.requireNonNull(stage.networks()).stream())
                .filter(network -> network.name().equals("ssd1bUnet"))
                .findFirst()
                .orElseThrow();

        assertThat(unet).isInstanceOf(BaseModel.ConvNet.class);
        assertThat(unet.runs()).isEqualTo(4);
    }

    @Test
    void rejectsAnUnknownResampling() {
        assertThatThrownBy(() -> new BaseModel.Level(64, "sideways", 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sideways");
    }

    @Test
    void rejectsAnUnknownNetworkKind() throws Exception {
        String original;
        try (var in = BaseModel.class.getResourceAsStream("pyramid-flow-sd3-neodragon.json")) {
            original = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
        }
        String json = original.replaceFirst("\"kind\": \"transformer\"", "\"kind\": \"lstm\"");

        assertThatThrownBy(() -> BaseModel.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x"))
                .hasMessageContaining("x");
    }
}

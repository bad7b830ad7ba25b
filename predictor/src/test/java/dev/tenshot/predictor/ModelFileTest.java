package dev.tenshot.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFileTest {

    @Test
    void loadsBackToIdenticalPredictions() {
        var model = MetaModel.train(
                TestData.trainingSet(6),
                PredictorSettings.defaults().withResidualTrees(10),
                "round-trip",
                Instant.parse("2026-11-24T00:00:00Z"));

        var loaded = ModelFile.fromJson(ModelFile.toJson(model));

        assertThat(predict(loaded).latencyMs()).containsExactly(predict(model).latencyMs());
        assertThat(predict(loaded).upperMs()).containsExactly(predict(model).upperMs());
        assertThat(loaded.provenance()).isEqualTo(model.provenance());
    }

    /** A model saved by the first release must still load and predict exactly as it did. */
    @Test
    void loadsTheModelTheFirstReleaseSaved() throws IOException {
        var golden = ModelFile.fromJson(resource("golden-model-v1.json"));
        List<String> expected =
                resource("golden-predictions-v1.csv").lines().skip(1).toList();

        Predictions predictions = predict(golden);

        assertThat(golden.provenance().space()).isEqualTo("golden");
        assertThat(golden.provenance().settings().residualTrees()).isEqualTo(10);
        assertThat(expected).hasSize(predictions.size());
        for (int i = 0; i < expected.size(); i++) {
            String[] row = expected.get(i).split(",");
            assertThat(predictions.latencyMs()[i]).isEqualTo(Double.parseDouble(row[0]));
            assertThat(predictions.lowerMs()[i]).isEqualTo(Double.parseDouble(row[1]));
            assertThat(predictions.upperMs()[i]).isEqualTo(Double.parseDouble(row[2]));
        }
    }

    @Test
    void refusesAnotherFormat() throws IOException {
        String future = resource("golden-model-v1.json").replaceFirst("\"format\":1", "\"format\":99");

        assertThatThrownBy(() -> ModelFile.fromJson(future)).hasMessageContaining("format 99");
    }

    private static Predictions predict(MetaModel model) {
        double[] device = TestData.device(999);
        double[] reference = TestData.at(device, TestData.REFERENCE);
        return model.adapt(reference, TestData.rows(TestData.features(), TestData.REFERENCE), reference)
                .predict(TestData.features());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ModelFileTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

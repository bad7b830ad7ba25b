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

    /** A model saved in this format must load and predict exactly as it did when it was saved. */
    @Test
    void loadsTheModelThisFormatSaved() throws IOException {
        var golden = ModelFile.fromJson(resource("golden-model-v2.json"));
        List<String> expected =
                resource("golden-predictions-v2.csv").lines().skip(1).toList();

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
        String future = resource("golden-model-v2.json").replaceFirst("\"format\":2", "\"format\":99");

        assertThatThrownBy(() -> ModelFile.fromJson(future)).hasMessageContaining("format 99");
    }

    /** The first release's models (other features, another adaptation) are refused, not misread. */
    @Test
    void refusesTheFirstReleasesModelsAndSaysToRetrain() throws IOException {
        String first = resource("golden-model-v1.json");

        assertThatThrownBy(() -> ModelFile.fromJson(first))
                .hasMessageContaining("format 1")
                .hasMessageContaining("retrain");
    }

    /** Writes the golden files of this format; run by hand when {@link ModelFile#FORMAT} changes. */
    static void main(String[] args) throws IOException {
        var model = MetaModel.train(
                TestData.trainingSet(6),
                PredictorSettings.defaults().withResidualTrees(10),
                "golden",
                Instant.parse("2026-12-01T00:00:00Z"));
        var dir = java.nio.file.Path.of(args[0]);
        java.nio.file.Files.writeString(
                dir.resolve("golden-model-v" + ModelFile.FORMAT + ".json"), ModelFile.toJson(model));
        Predictions p = predict(ModelFile.fromJson(ModelFile.toJson(model)));
        var csv = new StringBuilder("latency_ms,lower_ms,upper_ms\n");
        for (int i = 0; i < p.size(); i++) {
            csv.append(p.latencyMs()[i])
                    .append(',')
                    .append(p.lowerMs()[i])
                    .append(',')
                    .append(p.upperMs()[i])
                    .append('\n');
        }
        java.nio.file.Files.writeString(dir.resolve("golden-predictions-v" + ModelFile.FORMAT + ".csv"), csv);
    }

    private static Predictions predict(MetaModel model) {
        double[] device = TestData.device(999);
        double[] reference = TestData.at(device, TestData.REFERENCE);
        double[][] referenceFeatures = TestData.rows(TestData.features(), TestData.REFERENCE);
        return model.adapt(referenceFeatures, reference, referenceFeatures, reference)
                .predict(TestData.features());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ModelFileTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

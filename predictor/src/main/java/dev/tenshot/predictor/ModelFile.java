package dev.tenshot.predictor;

import dev.tenshot.predictor.internal.ResidualModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A meta-model on disk: JSON with its provenance, the standardisation, the prior, the interval scale and (when
 * used) the residual trees in Tribuo's own serialisation. Doubles are written so they read back bit for bit: a
 * loaded model predicts exactly what the saved one did. {@link #FORMAT} changes whenever a saved file would no
 * longer mean the same thing.
 */
public final class ModelFile {

    public static final int FORMAT = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ModelFile() {}

    record Contents(
            int format,
            ModelProvenance provenance,
            List<String> featureNames,
            double[] featureMean,
            double[] featureScale,
            double[] priorMean,
            double[][] priorCovariance,
            double intervalScale,
            int residualInputs,
            @Nullable String residualTrees) {}

    public static String toJson(MetaModel model) {
        var residual = model.residual();
        return JSON.writeValueAsString(new Contents(
                FORMAT,
                model.provenance(),
                model.featureNames(),
                model.featureMean(),
                model.featureScale(),
                model.priorMean(),
                model.priorCovariance(),
                model.intervalScale(),
                residual == null ? 0 : residual.inputs(),
                residual == null ? null : residual.toBase64()));
    }

    /**
     * @throws IllegalArgumentException if the JSON is not a model file of this format
     */
    public static MetaModel fromJson(String json) {
        Contents contents = JSON.readValue(json, Contents.class);
        if (contents.format() != FORMAT) {
            throw new IllegalArgumentException(
                    "model file format " + contents.format() + "; this release reads " + FORMAT);
        }
        int inputs =
                contents.featureNames().size() + 1 + 10; // features, embedding, linear prediction (see residualInput)
        return new MetaModel(
                contents.featureNames(),
                contents.featureMean(),
                contents.featureScale(),
                contents.priorMean(),
                contents.priorCovariance(),
                contents.intervalScale(),
                contents.residualTrees() == null
                        ? null
                        : ResidualModel.fromBase64(contents.residualTrees(), contents.residualInputs()),
                contents.provenance());
    }

    public static void save(MetaModel model, Path file) {
        try {
            Files.writeString(file, toJson(model));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model " + file, e);
        }
    }

    public static MetaModel load(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + file, e);
        }
    }
}

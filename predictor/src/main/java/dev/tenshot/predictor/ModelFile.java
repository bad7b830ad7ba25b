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
 * A meta-model on disk: JSON with its provenance, the standardisation, the prior, the interval scale, the source
 * devices' own fits and (when used) the residual trees in Tribuo's own serialisation. Doubles are written so they read back bit for bit: a
 * loaded model predicts exactly what the saved one did. {@link #FORMAT} changes whenever a saved file would no
 * longer mean the same thing.
 */
public final class ModelFile {

    public static final int FORMAT = 2;
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
            @Nullable String residualTrees,
            List<Source> sources) {}

    /** A source device's own fit (format 2 on). */
    record Source(
            String name,
            double[] weights,
            int treeInputs,
            @Nullable String trees) {}

    public static String toJson(MetaModel model) {
        var residual = model.residual();
        return JSON.writeValueAsString(new Contents(
                FORMAT,
                model.provenance(),
                model.featureNames(),
                model.standardisation().mean(),
                model.standardisation().scale(),
                model.prior().mean(),
                model.prior().covariance(),
                model.intervalScale(),
                residual == null ? 0 : residual.inputs(),
                residual == null ? null : residual.toBase64(),
                model.sources().stream()
                        .map(source -> new Source(
                                source.name(),
                                source.weights(),
                                source.trees() == null ? 0 : source.trees().inputs(),
                                source.trees() == null ? null : source.trees().toBase64()))
                        .toList()));
    }

    /**
     * @throws IllegalArgumentException if the JSON is not a model file of this format
     */
    public static MetaModel fromJson(String json) {
        var tree = JSON.readTree(json);
        int format = tree.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IllegalArgumentException("model file format " + format + "; this release reads " + FORMAT
                    + " (retrain the meta-model from its data)");
        }
        Contents contents = JSON.treeToValue(tree, Contents.class);
        return new MetaModel(
                contents.featureNames(),
                new MetaModel.Standardisation(contents.featureMean(), contents.featureScale()),
                MetaModel.Prior.of(contents.priorMean(), contents.priorCovariance()),
                contents.intervalScale(),
                contents.residualTrees() == null
                        ? null
                        : ResidualModel.fromBase64(contents.residualTrees(), contents.residualInputs()),
                contents.sources().stream()
                        .map(source -> new MetaModel.SourceFit(
                                source.name(),
                                source.weights(),
                                source.trees() == null
                                        ? null
                                        : ResidualModel.fromBase64(source.trees(), source.treeInputs())))
                        .toList(),
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

package dev.tenshot.service.predictor;

import dev.tenshot.predictor.ModelProvenance;
import dev.tenshot.predictor.PredictorSettings;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A space's current meta-model as the API shows it: the predictor library's provenance, mapped, so that the library
 * can change its records without changing the REST contract.
 *
 * @param intervalScale how far the meta-model's intervals were widened to cover held-out source devices
 */
record MetaModelResponse(String space, long version, Provenance provenance, double intervalScale) {

    /**
     * @param sourceDevices the devices the meta-model was trained on
     * @param samples their measurements
     * @param dataFingerprint SHA-256 over the training data, to tell two trainings on the same data
     * @param libraries the versions of the libraries that trained it
     */
    @Schema(name = "ModelProvenance")
    record Provenance(
            String space,
            List<String> sourceDevices,
            long samples,
            Settings settings,
            String dataFingerprint,
            String libraries,
            Instant trainedAt) {}

    /** The training settings, chosen on the meta_valid devices. */
    @Schema(name = "PredictorSettings")
    record Settings(
            double noiseVariance,
            double priorJitter,
            int residualTrees,
            long seed,
            double partTemperature,
            int sourceTrees) {}

    static MetaModelResponse of(String space, long version, ModelProvenance provenance, double intervalScale) {
        PredictorSettings s = provenance.settings();
        return new MetaModelResponse(
                space,
                version,
                new Provenance(
                        provenance.space(),
                        provenance.sourceDevices(),
                        provenance.samples(),
                        new Settings(
                                s.noiseVariance(),
                                s.priorJitter(),
                                s.residualTrees(),
                                s.seed(),
                                s.partTemperature(),
                                s.sourceTrees()),
                        provenance.dataFingerprint(),
                        provenance.libraries(),
                        provenance.trainedAt()),
                intervalScale);
    }
}

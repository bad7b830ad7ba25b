package dev.tenshot.predictor;

import java.time.Instant;
import java.util.List;

/**
 * Where a meta-model comes from: enough to tell two models apart and to rebuild one.
 *
 * @param space the search space the features encode
 * @param sourceDevices the devices learned from
 * @param samples measurements learned from, over all source devices
 * @param dataFingerprint SHA-256 over the features and measurements, to tell whether the data changed
 * @param libraries versions of the libraries that matter for loading (Tribuo, XGBoost, Java)
 */
public record ModelProvenance(
        String space,
        List<String> sourceDevices,
        long samples,
        PredictorSettings settings,
        String dataFingerprint,
        String libraries,
        Instant trainedAt) {

    public ModelProvenance {
        sourceDevices = List.copyOf(sourceDevices);
    }
}

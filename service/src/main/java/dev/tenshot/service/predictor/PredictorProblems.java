package dev.tenshot.service.predictor;

import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import java.util.Map;

/** The predictor's refusals: no guesses for a device or space that cannot be predicted yet. */
final class PredictorProblems {

    private PredictorProblems() {}

    static ProblemException noMetaModel(String space, String why) {
        return new ProblemException(
                ProblemType.NO_META_MODEL, "space " + space + " has no meta-model: " + why, Map.of("space", space));
    }

    /** The space's first meta-model is being trained (a fresh service): predictions follow within a minute. */
    static ProblemException metaModelTraining(String space) {
        return new ProblemException(
                ProblemType.META_MODEL_TRAINING,
                "space " + space + "'s meta-model is being trained; retry after the time in Retry-After",
                Map.of("space", space));
    }

    static ProblemException tooManyConfigs(int size, int max) {
        return new ProblemException(
                ProblemType.BATCH_TOO_LARGE,
                "at most " + max + " configs per request: got " + size,
                Map.of("size", size, "maxSize", max));
    }

    static ProblemException spaceNotFound(String space) {
        return new ProblemException(ProblemType.SPACE_NOT_FOUND, "no space named " + space, Map.of("space", space));
    }
}

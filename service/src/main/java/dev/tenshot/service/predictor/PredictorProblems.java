package dev.tenshot.service.predictor;

import dev.tenshot.service.api.ProblemException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** The predictor's refusals: no guesses for a device or space that cannot be predicted yet. */
final class PredictorProblems {

    private PredictorProblems() {}

    static class DeviceNotReadyException extends ProblemException {
        private static final long serialVersionUID = 1L;

        DeviceNotReadyException(UUID deviceId, String status) {
            super(
                    HttpStatus.CONFLICT,
                    "device-not-ready",
                    "Device not calibrated yet",
                    "device " + deviceId + " is " + status + ": predictions need its ten reference measurements",
                    Map.of("deviceId", deviceId, "deviceStatus", status));
        }
    }

    static class NoMetaModelException extends ProblemException {
        private static final long serialVersionUID = 1L;

        NoMetaModelException(String space, String why) {
            super(
                    HttpStatus.CONFLICT,
                    "no-meta-model",
                    "No latency model for this space",
                    "space " + space + " has no meta-model: " + why,
                    Map.of("space", space));
        }
    }

    /** The space's first meta-model is being trained (a fresh service): predictions follow within a minute. */
    static class MetaModelTrainingException extends ProblemException {
        private static final long serialVersionUID = 1L;

        MetaModelTrainingException(String space) {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "meta-model-training",
                    "Latency model being trained",
                    "space " + space + "'s meta-model is being trained; retry after the time in Retry-After",
                    Map.of("space", space));
        }

        @Override
        public Duration retryAfter() {
            return Duration.ofSeconds(10);
        }
    }

    static class TooManyConfigsException extends ProblemException {
        private static final long serialVersionUID = 1L;

        TooManyConfigsException(int size, int max) {
            super(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "batch-too-large",
                    "Batch too large",
                    "at most " + max + " configs per request: got " + size,
                    Map.of("size", size, "maxSize", max));
        }
    }
}

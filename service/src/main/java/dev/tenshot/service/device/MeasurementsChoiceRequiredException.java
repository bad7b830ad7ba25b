package dev.tenshot.service.device;

import dev.tenshot.service.api.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Deleting a device without saying what becomes of its measurements: there is no safe default. */
class MeasurementsChoiceRequiredException extends ProblemException {

    private static final long serialVersionUID = 1L;

    MeasurementsChoiceRequiredException(UUID deviceId) {
        super(
                HttpStatus.BAD_REQUEST,
                "measurements-choice-required",
                "Say what becomes of the measurements",
                "deleting device " + deviceId + " needs ?measurements=keep (retire it, keep its measurements) or"
                        + " ?measurements=delete (remove them with it)",
                Map.of("deviceId", deviceId, "choices", List.of("keep", "delete")));
    }
}

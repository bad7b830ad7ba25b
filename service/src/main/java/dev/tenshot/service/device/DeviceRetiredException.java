package dev.tenshot.service.device;

import dev.tenshot.service.api.ProblemException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** A retired (deleted, measurements kept) device takes no new agent token: it stays unable to authenticate. */
class DeviceRetiredException extends ProblemException {

    private static final long serialVersionUID = 1L;

    DeviceRetiredException(UUID deviceId) {
        super(
                HttpStatus.CONFLICT,
                "device-retired",
                "Device is retired",
                "device " + deviceId + " was deleted with its measurements kept; register the device again instead",
                Map.of("deviceId", deviceId));
    }
}

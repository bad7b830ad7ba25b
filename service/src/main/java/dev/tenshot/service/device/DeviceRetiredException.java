package dev.tenshot.service.device;

import dev.tenshot.service.api.ProblemException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** A retired device takes no new agent token: a token would let a deleted device post again. */
class DeviceRetiredException extends ProblemException {

    private static final long serialVersionUID = 1L;

    DeviceRetiredException(UUID deviceId) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "device-retired",
                "Device retired",
                "device " + deviceId + " is retired and takes no agent token; register the device again instead",
                Map.of("deviceId", deviceId));
    }
}

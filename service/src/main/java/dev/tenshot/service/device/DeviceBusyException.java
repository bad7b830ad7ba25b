package dev.tenshot.service.device;

import dev.tenshot.service.api.ProblemException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** A device an unfinished search job still targets cannot be deleted: the job would wait on it forever. */
class DeviceBusyException extends ProblemException {

    private static final long serialVersionUID = 1L;

    DeviceBusyException(UUID deviceId) {
        super(
                HttpStatus.CONFLICT,
                "device-busy",
                "Device is in use",
                "device " + deviceId + " is a target of an unfinished search job; cancel the job first",
                Map.of("deviceId", deviceId));
    }
}

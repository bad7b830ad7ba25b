package dev.tenshot.service.device;

import dev.tenshot.service.api.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** {@code /devices/me} asked with a token that may register devices but belongs to none. */
class NoDeviceForTokenException extends ProblemException {

    private static final long serialVersionUID = 1L;

    NoDeviceForTokenException() {
        super(
                HttpStatus.NOT_FOUND,
                "no-device-for-token",
                "No device for this token",
                "this token belongs to no device (it is an admin or enrolment token); register a device with it, or use an agent token",
                Map.of());
    }
}

package dev.tenshot.service.device;

import dev.tenshot.service.api.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

class NoDeviceForAdminException extends ProblemException {

    private static final long serialVersionUID = 1L;

    NoDeviceForAdminException() {
        super(
                HttpStatus.NOT_FOUND,
                "no-device-for-token",
                "No device for this token",
                "the admin token belongs to no device; use an agent token, or register a device",
                Map.of());
    }
}

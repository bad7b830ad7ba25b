package dev.tenshot.service.device;

import dev.tenshot.service.api.ProblemException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

public class DeviceNotFoundException extends ProblemException {

    private static final long serialVersionUID = 1L;

    DeviceNotFoundException(UUID deviceId) {
        super(
                HttpStatus.NOT_FOUND,
                "device-not-found",
                "Device not found",
                "no device with id " + deviceId,
                Map.of("deviceId", deviceId));
    }
}

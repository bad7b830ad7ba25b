package dev.tenshot.service.device;

import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The problems about devices, raised here and by the features that act on a device. */
public final class DeviceProblems {

    private DeviceProblems() {}

    public static ProblemException notFound(UUID deviceId) {
        return new ProblemException(
                ProblemType.DEVICE_NOT_FOUND, "no device with id " + deviceId, Map.of("deviceId", deviceId));
    }

    /**
     * A device still calibrating (or retired) asked for what needs its predictor.
     *
     * @param needs what the request needs the predictor for, e.g. "predictions"
     */
    public static ProblemException notReady(UUID deviceId, DeviceStatus status, String needs) {
        String state = status.name().toLowerCase(Locale.ROOT);
        return new ProblemException(
                ProblemType.DEVICE_NOT_READY,
                "device " + deviceId + " is " + state + ": " + needs + " its ten reference measurements",
                Map.of("deviceId", deviceId, "deviceStatus", state));
    }

    /** A retired device takes no new agent token: a token would let a deleted device post again. */
    static ProblemException retired(UUID deviceId) {
        return new ProblemException(
                ProblemType.DEVICE_RETIRED,
                "device " + deviceId + " is retired and takes no agent token; register the device again instead",
                Map.of("deviceId", deviceId));
    }

    /** {@code /devices/me} asked with a token that may register devices but belongs to none. */
    static ProblemException noDeviceForToken() {
        return new ProblemException(
                ProblemType.NO_DEVICE_FOR_TOKEN,
                "this token belongs to no device (it is an admin or enrolment token); register a device with it,"
                        + " or use an agent token");
    }

    static ProblemException unknownSpace(String space, List<String> known) {
        return new ProblemException(
                ProblemType.UNKNOWN_SPACE,
                "unknown search space '" + space + "'; known: " + String.join(", ", known),
                Map.of("space", space, "knownSpaces", known));
    }
}

package dev.tenshot.service.device;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * @param measurements {@code kept} (the device is retired and listed so) or {@code deleted}
 * @param device the retired device; null once deleted
 */
record RemovedDeviceResponse(
        UUID deviceId, String measurements, @Nullable DeviceResponse device) {}

package dev.tenshot.service.device;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A device as the API shows it; never its token.
 *
 * @param space the search space the device is calibrated in
 */
public record DeviceResponse(
        UUID id,
        String name,
        DeviceKind kind,
        String chipset,
        String runtime,
        String precision,
        JsonNode attributes,
        boolean simulated,
        String space,
        DeviceStatus status,
        long measurementCount,
        Instant registeredAt,
        @Nullable Instant lastSeenAt) {}

package dev.tenshot.service.task;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A task handed to an agent: what to measure, and the lease to report it under.
 *
 * @param config the config in its space's canonical form
 * @param leaseToken to quote when reporting, extending or releasing
 */
record LeasedTask(
        long taskId,
        String space,
        JsonNode config,
        String configHash,
        TaskPurpose purpose,
        UUID leaseToken,
        Instant leaseExpiresAt) {}

package dev.tenshot.service.task;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A task as listings show it; never its lease token. */
record TaskResponse(
        long id,
        UUID deviceId,
        String space,
        JsonNode config,
        String configHash,
        TaskPurpose purpose,
        @Nullable Integer referencePosition,
        TaskState state,
        int attempts,
        @Nullable Instant leaseExpiresAt,
        @Nullable String lastError,
        @Nullable Long measurementId,
        Instant createdAt,
        @Nullable Instant completedAt) {}

package dev.tenshot.service.access;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An access token as listed: never its secret. */
record AccessTokenResponse(
        UUID id,
        String name,
        TokenScope scope,
        Instant createdAt,
        @Nullable Instant revokedAt) {}

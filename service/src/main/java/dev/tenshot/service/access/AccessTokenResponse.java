package dev.tenshot.service.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A scoped token as the API shows it.
 *
 * @param scope {@code admin}, {@code enrol} (registers devices only) or {@code read}
 * @param token the secret: only in the answer that made or rotated it, never again
 */
record AccessTokenResponse(
        UUID id,
        String name,
        String scope,
        Instant createdAt,
        String createdBy,
        @Nullable Instant rotatedAt,
        @Nullable Instant revokedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String token) {}

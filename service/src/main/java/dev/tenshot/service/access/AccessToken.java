package dev.tenshot.service.access;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A scoped token: only its hash is kept. */
@Entity
@Table(name = "access_tokens")
class AccessToken {

    @Id
    private UUID id;

    private String name;

    @Enumerated(EnumType.STRING)
    private Scope scope;

    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "rotated_at")
    private @Nullable Instant rotatedAt;

    @Column(name = "revoked_at")
    private @Nullable Instant revokedAt;

    /** What a token may do. */
    enum Scope {
        /** Everything. */
        @JsonProperty("admin")
        ADMIN,
        /** Register devices only. */
        @JsonProperty("enrol")
        ENROL,
        /** Read everything, change nothing. */
        @JsonProperty("read")
        READ
    }

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected AccessToken() {}

    AccessToken(String name, Scope scope, String tokenHash, String createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.scope = scope;
        this.tokenHash = tokenHash;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    /** A new secret: the old one stops working in the same transaction. */
    void rotate(String newHash, Instant now) {
        tokenHash = newHash;
        rotatedAt = now;
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    boolean revoked() {
        return revokedAt != null;
    }

    UUID id() {
        return id;
    }

    Caller asCaller() {
        String label = "token '" + name + "' (" + id + ")";
        return switch (scope) {
            case ADMIN -> new Caller.Admin(label);
            case ENROL -> new Caller.Enroller(label);
            case READ -> new Caller.Reader(label);
        };
    }

    AccessTokenResponse toResponse(@Nullable String secret) {
        return new AccessTokenResponse(
                id,
                name,
                scope.name().toLowerCase(java.util.Locale.ROOT),
                createdAt,
                createdBy,
                rotatedAt,
                revokedAt,
                secret);
    }
}

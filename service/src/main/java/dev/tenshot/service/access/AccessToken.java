package dev.tenshot.service.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "access_tokens")
class AccessToken {

    @Id
    private UUID id;

    private String name;

    @Enumerated(EnumType.STRING)
    private TokenScope scope;

    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "revoked_at")
    private @Nullable Instant revokedAt;

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected AccessToken() {}

    AccessToken(String name, TokenScope scope, String tokenHash, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.scope = scope;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
    }

    void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    /** Replaces the secret: the old one is refused from now on, the token keeps its id, name and scope. */
    void rotate(String newTokenHash) {
        tokenHash = newTokenHash;
    }

    boolean revoked() {
        return revokedAt != null;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    TokenScope scope() {
        return scope;
    }

    Caller toCaller() {
        var actor = new Caller.Actor(id, name, scope.name().toLowerCase(java.util.Locale.ROOT));
        return switch (scope) {
            case ADMIN -> new Caller.Admin(actor);
            case ENROL -> new Caller.Enroler(actor);
            case READ -> new Caller.Reader(actor);
        };
    }

    AccessTokenResponse toResponse() {
        return new AccessTokenResponse(id, name, scope, createdAt, revokedAt);
    }
}

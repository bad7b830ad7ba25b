package dev.tenshot.service.access;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One thing someone did. */
@Entity
@Table(name = "audit_events")
class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private Instant at;
    private String actor;
    private String action;
    private @Nullable String target;

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected AuditEvent() {}

    AuditEvent(Instant at, String actor, String action, @Nullable String target) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.target = target;
    }

    Response toResponse() {
        return new Response(java.util.Objects.requireNonNull(id), at, actor, action, target);
    }

    /** @param action e.g. {@code search.submit}, {@code search.cancel}, {@code meta-model.retrain}, {@code token.revoke} */
    @Schema(name = "AuditEvent")
    record Response(
            long id,
            Instant at,
            String actor,
            String action,
            @Nullable String target) {}
}

package dev.tenshot.service.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "audit_events")
class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_ids")
    @SequenceGenerator(name = "audit_event_ids", sequenceName = "audit_events_id_seq", allocationSize = 50)
    private @Nullable Long id;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    @Column(name = "actor_token_id")
    private @Nullable UUID actorTokenId;

    @Column(name = "actor_name")
    private String actorName;

    @Column(name = "actor_scope")
    private String actorScope;

    @Enumerated(EnumType.STRING)
    private AuditAction action;

    @Column(name = "target_id")
    private String targetId;

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected AuditEvent() {}

    AuditEvent(Instant occurredAt, Caller.Actor actor, AuditAction action, String targetId) {
        this.occurredAt = occurredAt;
        this.actorTokenId = actor.tokenId();
        this.actorName = actor.name();
        this.actorScope = actor.scope();
        this.action = action;
        this.targetId = targetId;
    }

    AuditEventResponse toResponse() {
        return new AuditEventResponse(
                occurredAt, new Caller.Actor(actorTokenId, actorName, actorScope), action, targetId);
    }
}

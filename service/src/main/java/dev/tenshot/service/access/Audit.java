package dev.tenshot.service.access;

import dev.tenshot.service.api.PageResponse;
import java.time.Clock;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records who did what; joins the caller's transaction, so an action and its record commit or fail together. */
@Service
public class Audit {

    private final AuditEventRepository events;
    private final Clock clock;

    Audit(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void record(Caller caller, AuditAction action, Object targetId) {
        events.save(new AuditEvent(clock.instant(), caller.actor(), action, targetId.toString()));
    }

    @Transactional(readOnly = true)
    PageResponse<AuditEventResponse> list(Pageable pageable) {
        return PageResponse.from(events.findAll(pageable), AuditEvent::toResponse);
    }
}

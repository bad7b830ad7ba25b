package dev.tenshot.service.access;

import dev.tenshot.service.api.PageResponse;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who did what. Recorded in the action's transaction (registrations, deletions, token changes, searches submitted
 * and cancelled: the change and its record commit or roll back together); a meta-model retrain, which runs for
 * a while outside any transaction, is recorded once it is done.
 */
@Service
public class AuditLog {

    private final AuditEventRepository events;
    private final Clock clock;

    AuditLog(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void record(Caller by, String action, @Nullable String target) {
        events.save(new AuditEvent(clock.instant(), by.who(), action, target));
    }

    @Transactional(readOnly = true)
    PageResponse<AuditEvent.Response> page(int page, int size) {
        return PageResponse.from(
                events.findAll(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"))), AuditEvent::toResponse);
    }
}

package dev.tenshot.service.search;

import dev.tenshot.service.task.TaskCompleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Puts measured latencies beside the predictions of stored fronts, for the API and for Grafana. */
@Component
class Verifications {

    private final FrontPointRepository fronts;

    Verifications(FrontPointRepository fronts) {
        this.fronts = fronts;
    }

    @EventListener
    void recordMeasured(TaskCompleted completed) {
        fronts.recordMeasured(completed.deviceId(), completed.configHash(), completed.endToEndMs());
    }
}

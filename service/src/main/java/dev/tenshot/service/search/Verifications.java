package dev.tenshot.service.search;

import dev.tenshot.service.task.TaskCompleted;
import dev.tenshot.service.task.TaskFailed;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records the end of verification tasks: the measured latency beside the predictions of stored fronts (for the API
 * and Grafana) and on the task's own verification row. Nothing here decides that a round is over: each ended task
 * updates its own row, and the {@link SearchRunner} takes a verifying job once none of its round's rows is open,
 * after these transactions have committed.
 */
@Component
class Verifications {

    private final FrontPointRepository fronts;
    private final VerificationRepository verifications;
    private final SearchMetrics metrics;
    private final Clock clock;

    Verifications(
            FrontPointRepository fronts, VerificationRepository verifications, SearchMetrics metrics, Clock clock) {
        this.fronts = fronts;
        this.verifications = verifications;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Runs in the transaction that stores the measurement. A measurement the agent flagged contended verifies
     * nothing: its task ends as given up, and the front keeps no measured latency from it.
     */
    @EventListener
    void recordMeasured(TaskCompleted completed) {
        if (completed.contended()) {
            verifications.recordGivenUp(completed.taskId(), clock.instant());
            return;
        }
        fronts.recordMeasured(completed.deviceId(), completed.configHash(), completed.endToEndMs());
        if (verifications.recordMeasured(completed.taskId(), completed.endToEndMs(), clock.instant()) > 0) {
            verifications
                    .findPredictedMs(completed.taskId())
                    .ifPresent(
                            predictedMs -> metrics.verified(completed.deviceId(), predictedMs, completed.endToEndMs()));
        }
    }

    /** A verification task that failed for good ends too: the job must not wait for it forever. */
    @EventListener
    void recordGivenUp(TaskFailed failed) {
        verifications.recordGivenUp(failed.taskId(), clock.instant());
    }
}

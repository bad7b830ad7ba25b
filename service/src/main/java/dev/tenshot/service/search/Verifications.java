package dev.tenshot.service.search;

import dev.tenshot.service.task.TaskCompleted;
import dev.tenshot.service.task.TaskFailed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts measured latencies beside the predictions of stored fronts (for the API and Grafana), and moves a job from
 * verifying to done once its verification tasks have all ended.
 */
@Component
class Verifications {

    private final FrontPointRepository fronts;
    private final SearchJobRepository jobs;

    Verifications(FrontPointRepository fronts, SearchJobRepository jobs) {
        this.fronts = fronts;
        this.jobs = jobs;
    }

    /** Runs in the transaction that stores the measurement. */
    @EventListener
    void recordMeasured(TaskCompleted completed) {
        fronts.recordMeasured(completed.deviceId(), completed.configHash(), completed.endToEndMs());
        ended(completed.taskId());
    }

    /** A verification task that failed for good ends too: the job must not wait for it forever. */
    @EventListener
    void recordGivenUp(TaskFailed failed) {
        ended(failed.taskId());
    }

    private void ended(long taskId) {
        for (SearchJob job : jobs.findByState(SearchJobState.VERIFYING)) {
            job.verificationEnded(taskId);
        }
    }
}

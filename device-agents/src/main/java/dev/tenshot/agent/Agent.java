package dev.tenshot.agent;

import dev.tenshot.agent.api.ApiMessages;
import dev.tenshot.agent.api.ProblemResponseException;
import dev.tenshot.agent.api.ServiceClient;
import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.runner.Runner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's work loop: lease a batch of tasks, run them one by one, report each result under its lease, keep the
 * leases alive with heartbeats, and on shutdown hand back what was not started. A result whose lease was lost (409)
 * is dropped: another agent holds the task now, and the service keeps exactly one measurement per task.
 */
public final class Agent {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    private final ServiceClient service;
    private final Runner runner;
    private final UUID deviceId;
    private final AgentSettings settings;
    private final Clock clock;
    private final Progress progress;
    private long lastOpenReported;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Set<ApiMessages.HeldLease> held = ConcurrentHashMap.newKeySet();

    public Agent(
            ServiceClient service,
            Runner runner,
            UUID deviceId,
            AgentSettings settings,
            Clock clock,
            Progress progress) {
        this.service = service;
        this.runner = runner;
        this.deviceId = deviceId;
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
    }

    /** Asks the loop to stop after the task in hand; unstarted tasks are handed back. */
    public void stop() {
        stopping.set(true);
    }

    /**
     * Works until stopped, or (with {@code exitWhenIdle}) until the device has no task queued or leased.
     *
     * @return the counts of what was done
     */
    public Progress.Counts run() throws InterruptedException {
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, settings.lease().toMillis() / 3);
        heartbeats.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
        try {
            while (!stopping.get()) {
                List<ApiMessages.LeasedTask> batch = service.lease(deviceId, settings.batchSize(), settings.lease());
                if (batch.isEmpty()) {
                    if (settings.exitWhenIdle() && nothingLeft()) {
                        break;
                    }
                    Thread.sleep(settings.idlePoll().toMillis());
                    continue;
                }
                batch.forEach(task -> held.add(new ApiMessages.HeldLease(task.taskId(), task.leaseToken())));
                progress.leased(batch.size());
                work(batch);
            }
        } finally {
            heartbeats.shutdownNow();
            handBack();
        }
        return progress.counts();
    }

    /**
     * Whether the device has no task queued or leased: nothing to lease now may still mean tasks a previous run of
     * an agent holds until their leases expire, which this run must then take, or the device stays calibrating.
     */
    private boolean nothingLeft() {
        long open = service.openTasks(deviceId);
        if (open > 0 && open != lastOpenReported) {
            progress.waitingFor(open);
        }
        lastOpenReported = open;
        return open == 0;
    }

    private void work(List<ApiMessages.LeasedTask> batch) {
        for (ApiMessages.LeasedTask task : batch) {
            var lease = new ApiMessages.HeldLease(task.taskId(), task.leaseToken());
            if (stopping.get()) {
                return; // handed back in run()
            }
            if (!held.contains(lease)) {
                log.warn("task {}: lease lost before it started (heartbeat); skipping", task.taskId());
                progress.lost();
                continue;
            }
            RunOutcome outcome = runner.run(new MeasurementTask(task.taskId(), task.space(), task.config()));
            try {
                switch (outcome) {
                    case RunOutcome.Measured measured -> {
                        var ack = service.reportResult(
                                deviceId, lease, MeasurementPayload.of(task, measured, clock.instant()));
                        progress.done(ack.deviceStatus());
                    }
                    case RunOutcome.Failed failed -> {
                        log.warn("task {} failed: {}", task.taskId(), failed.reason());
                        service.reportFailure(deviceId, lease, failed.reason());
                        progress.failed();
                    }
                }
            } catch (ProblemResponseException e) {
                // 4xx: never retried. A lost lease means another agent has the task; anything else is reported.
                log.warn("task {}: the service refused the report: {}", task.taskId(), e.getMessage());
                if (e.status() == 409) {
                    progress.lost();
                } else {
                    progress.failed();
                }
            } finally {
                held.remove(lease);
            }
        }
    }

    private void heartbeat() {
        var leases = new ArrayList<>(held);
        if (leases.isEmpty()) {
            return;
        }
        try {
            var beat = service.heartbeat(deviceId, leases, settings.lease());
            for (long lost : beat.lost()) {
                held.removeIf(lease -> lease.taskId() == lost);
            }
        } catch (RuntimeException e) {
            log.warn("heartbeat failed: {}", e.getMessage());
        }
    }

    private void handBack() {
        var unstarted = new ArrayList<>(held);
        held.clear();
        if (unstarted.isEmpty()) {
            return;
        }
        try {
            List<Long> released = service.release(deviceId, unstarted);
            log.info("handed back {} unstarted task(s)", released.size());
        } catch (RuntimeException e) {
            log.warn(
                    "could not hand back {} task(s); their leases will expire instead: {}",
                    unstarted.size(),
                    e.getMessage());
        }
    }

    /**
     * @param batchSize tasks leased at a time
     * @param lease how long each lease lasts; heartbeats renew it every third of that
     * @param idlePoll wait between lease attempts when there is no work
     * @param exitWhenIdle stop when the device has no task left, instead of waiting for more
     */
    public record AgentSettings(int batchSize, Duration lease, Duration idlePoll, boolean exitWhenIdle) {
        public AgentSettings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
            }
            if (lease.toSeconds() < 1) {
                throw new IllegalArgumentException("lease must be at least a second: " + lease);
            }
        }
    }
}

package dev.tenshot.service.task;

import dev.tenshot.service.api.FieldProblem;
import dev.tenshot.service.api.PageResponse;
import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import dev.tenshot.service.device.DeviceRegistered;
import dev.tenshot.service.device.DeviceResponse;
import dev.tenshot.service.device.DeviceService;
import dev.tenshot.service.device.DeviceStatus;
import dev.tenshot.service.measurement.MeasurementIngestion;
import dev.tenshot.service.space.SpaceConfigs;
import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SearchSpaces;
import dev.tenshot.space.SpaceConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The measurement work of each device. Agents lease tasks, extend leases by heartbeats, and report a result or a
 * failure under the lease; an expired lease makes the task leasable again. A task yields at most one measurement:
 * the result is stored under client id {@code task-<id>} in the transaction that marks the task done, a repeated
 * report under the same lease is answered as before, and a report under any other lease is refused.
 *
 * <p>Every operation on a device's tasks locks the device's row first (it notes the agent was seen), then the
 * tasks: heartbeats and results of two agents of one device once deadlocked by taking the two in opposite orders.
 */
@Service
public class TaskQueue {

    private final MeasurementTaskRepository tasks;
    private final DeviceService devices;
    private final MeasurementIngestion measurements;
    private final SearchSpaces spaces;
    private final TaskProperties properties;
    private final ApplicationEventPublisher events;
    private final TaskMetrics metrics;
    private final Clock clock;

    TaskQueue(
            MeasurementTaskRepository tasks,
            DeviceService devices,
            MeasurementIngestion measurements,
            SearchSpaces spaces,
            TaskProperties properties,
            ApplicationEventPublisher events,
            TaskMetrics metrics,
            Clock clock) {
        this.tasks = tasks;
        this.devices = devices;
        this.measurements = measurements;
        this.spaces = spaces;
        this.properties = properties;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A new device is calibrated on its space's reference set: queue it with the registration. */
    @EventListener
    void queueReferenceSet(DeviceRegistered registered) {
        SearchSpace space = spaces.find(registered.space()).orElseThrow();
        List<SpaceConfig> reference = space.referenceConfigs();
        Instant now = clock.instant();
        var queued = new ArrayList<MeasurementTask>(reference.size());
        for (int position = 0; position < reference.size(); position++) {
            SpaceConfig config = reference.get(position);
            queued.add(new MeasurementTask(
                    registered.deviceId(),
                    space.name(),
                    config.toJson(),
                    config.contentHash(),
                    TaskPurpose.REFERENCE,
                    position,
                    now));
        }
        tasks.saveAll(queued);
    }

    /** Queues configs to measure on a device (checked by the space); answers the task ids. */
    @Transactional
    public List<Long> enqueue(UUID deviceId, @Nullable String spaceName, List<JsonNode> configs) {
        DeviceResponse device = devices.find(deviceId);
        if (device.status() == DeviceStatus.RETIRED) {
            throw ProblemException.listing(
                    ProblemType.DEVICE_RETIRED,
                    "nothing was queued",
                    List.of(new FieldProblem("deviceId", "device " + deviceId + " is retired: it measures nothing")));
        }
        String name = spaceName == null ? device.space() : spaceName;
        SearchSpace space = spaces.find(name)
                .orElseThrow(() -> ProblemException.listing(
                        ProblemType.UNKNOWN_SPACE,
                        "nothing was queued",
                        List.of(new FieldProblem("space", "unknown search space '" + name + "'"))));
        Instant now = clock.instant();
        var queued = new ArrayList<MeasurementTask>(configs.size());
        for (SpaceConfig config : SpaceConfigs.checkAll(space, configs)) {
            queued.add(new MeasurementTask(
                    deviceId, space.name(), config.toJson(), config.contentHash(), TaskPurpose.REQUESTED, null, now));
        }
        return tasks.saveAll(queued).stream().map(MeasurementTask::id).toList();
    }

    @Transactional
    List<LeasedTask> lease(UUID deviceId, int max, @Nullable Integer leaseSeconds) {
        devices.touch(deviceId);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(leaseDuration(leaseSeconds));
        List<Long> ids = tasks.lockLeasable(deviceId, now, Math.min(max, properties.maxTasksPerLease()));
        var leased = new ArrayList<LeasedTask>(ids.size());
        int expired = 0;
        for (MeasurementTask task : tasks.findByDeviceIdAndIdIn(deviceId, ids)) {
            if (task.state() == TaskState.LEASED) {
                expired++; // leasable while leased: its lease ran out
            }
            task.lease(UUID.randomUUID(), expiresAt);
            leased.add(task.toLeased());
        }
        metrics.leases(TaskMetrics.LeaseOutcome.GRANTED, leased.size());
        metrics.leases(TaskMetrics.LeaseOutcome.EXPIRED, expired);
        leased.sort(java.util.Comparator.comparingLong(LeasedTask::taskId));
        return leased;
    }

    @Transactional
    TaskRequests.HeartbeatResponse heartbeat(
            UUID deviceId, List<TaskRequests.HeldLease> leases, @Nullable Integer leaseSeconds) {
        devices.touch(deviceId);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(leaseDuration(leaseSeconds));
        var extended = new ArrayList<Long>();
        var lost = new ArrayList<Long>();
        for (TaskRequests.HeldLease held : leases) {
            var task = tasks.findByIdAndDeviceId(held.taskId(), deviceId);
            if (task.isPresent() && task.get().isLeasedBy(held.leaseToken(), now)) {
                task.get().extendLease(expiresAt);
                extended.add(held.taskId());
            } else {
                lost.add(held.taskId());
            }
        }
        metrics.leases(TaskMetrics.LeaseOutcome.LOST, lost.size());
        return new TaskRequests.HeartbeatResponse(extended, lost, expiresAt);
    }

    /**
     * Records a task's result. The measurement is stored, the task marked done and (for the last reference task)
     * the device marked ready, all in one transaction.
     */
    @Transactional
    TaskRequests.ResultResponse complete(UUID deviceId, long taskId, TaskRequests.ResultRequest result) {
        devices.touch(deviceId); // the device row first, as leases and heartbeats lock it: one lock order, no deadlock
        MeasurementTask task = lockedTask(deviceId, taskId);
        Instant now = clock.instant();
        if (task.wasCompletedBy(result.leaseToken())) {
            metrics.result(TaskMetrics.ResultOutcome.DUPLICATE);
            return new TaskRequests.ResultResponse(
                    taskId, java.util.Objects.requireNonNull(task.measurementId()), true, statusOf(deviceId));
        }
        if (!task.isLeasedBy(result.leaseToken(), now)) {
            metrics.result(TaskMetrics.ResultOutcome.STALE);
        }
        requireLease(task, result.leaseToken(), now);
        // Storing the measurement updates (and so locks) the device row: concurrent completions of one device's
        // reference tasks run one after another, so the last one always sees all the others done.
        long measurementId = measurements.recordTaskResult(deviceId, taskId, result.measurement());
        task.complete(measurementId, now);
        metrics.result(TaskMetrics.ResultOutcome.STORED);
        events.publishEvent(new TaskCompleted(
                deviceId,
                taskId,
                task.configHash(),
                result.measurement().latency().endToEndMs(),
                result.measurement().contention() != null
                        && Boolean.TRUE.equals(result.measurement().contention().contended())));
        requeueContendedReference(deviceId, task, result, now);
        tasks.flush();
        boolean calibrated = task.purpose() == TaskPurpose.REFERENCE
                && tasks.countByDeviceIdAndPurposeAndStateNot(deviceId, TaskPurpose.REFERENCE, TaskState.DONE) == 0;
        if (calibrated) {
            devices.markReady(deviceId);
        }
        return new TaskRequests.ResultResponse(taskId, measurementId, false, calibrated ? "ready" : statusOf(deviceId));
    }

    /**
     * A reference measured only under contention is an embedding the predictor cannot trust: queue its config again
     * (up to {@code maxAttempts} tasks of it), so that a quiet measurement replaces it. Meanwhile the predictor uses
     * the contended one, the only measurement of that config; the quiet one, when it lands, leaves it out.
     */
    private void requeueContendedReference(
            UUID deviceId, MeasurementTask task, TaskRequests.ResultRequest result, Instant now) {
        var contention = result.measurement().contention();
        if (task.purpose() != TaskPurpose.REFERENCE
                || contention == null
                || !Boolean.TRUE.equals(contention.contended())) {
            return;
        }
        if (tasks.countByDeviceIdAndConfigHash(deviceId, task.configHash()) < properties.maxAttempts()) {
            tasks.save(new MeasurementTask(
                    deviceId, task.space(), task.config(), task.configHash(), TaskPurpose.REQUESTED, null, now));
        }
    }

    @Transactional
    TaskResponse fail(UUID deviceId, long taskId, TaskRequests.FailureRequest failure) {
        devices.touch(deviceId); // device row, then task: the lock order of every task operation
        MeasurementTask task = lockedTask(deviceId, taskId);
        Instant now = clock.instant();
        requireLease(task, failure.leaseToken(), now);
        task.fail(failure.reason(), properties.maxAttempts(), now);
        if (task.state() == TaskState.FAILED) {
            events.publishEvent(new TaskFailed(deviceId, taskId));
        }
        return task.toResponse();
    }

    @Transactional
    List<Long> release(UUID deviceId, List<TaskRequests.HeldLease> leases) {
        devices.touch(deviceId); // device row, then tasks
        Instant now = clock.instant();
        var released = new ArrayList<Long>();
        for (TaskRequests.HeldLease held : leases) {
            var task = tasks.findByIdAndDeviceId(held.taskId(), deviceId);
            if (task.isPresent() && task.get().isLeasedBy(held.leaseToken(), now)) {
                task.get().release();
                released.add(held.taskId());
            }
        }
        return released;
    }

    @Transactional(readOnly = true)
    PageResponse<TaskResponse> list(UUID deviceId, @Nullable TaskState state, Pageable pageable) {
        devices.find(deviceId);
        var page = state == null
                ? tasks.findByDeviceId(deviceId, pageable)
                : tasks.findByDeviceIdAndState(deviceId, state, pageable);
        return PageResponse.from(page, MeasurementTask::toResponse);
    }

    private MeasurementTask lockedTask(UUID deviceId, long taskId) {
        return tasks.findByIdAndDeviceId(taskId, deviceId)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.TASK_NOT_FOUND,
                        "device " + deviceId + " has no task " + taskId,
                        Map.of("deviceId", deviceId, "taskId", taskId)));
    }

    private static void requireLease(MeasurementTask task, UUID token, Instant now) {
        if (!task.isLeasedBy(token, now)) {
            String why = switch (task.state()) {
                case LEASED -> "the lease expired or the task was leased again";
                case QUEUED -> "the lease expired and the task went back to the queue";
                case DONE -> "the task was completed under another lease";
                case FAILED -> "the task has failed for good";
            };
            throw new ProblemException(
                    ProblemType.LEASE_LOST,
                    "task " + task.id() + ": " + why + "; nothing was stored",
                    Map.of("taskId", task.id()));
        }
    }

    private Duration leaseDuration(@Nullable Integer leaseSeconds) {
        if (leaseSeconds == null) {
            return properties.defaultLease();
        }
        Duration asked = Duration.ofSeconds(leaseSeconds);
        return asked.compareTo(properties.maxLease()) > 0 ? properties.maxLease() : asked;
    }

    private String statusOf(UUID deviceId) {
        return devices.find(deviceId).status().name().toLowerCase(java.util.Locale.ROOT);
    }
}

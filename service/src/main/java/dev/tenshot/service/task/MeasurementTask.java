package dev.tenshot.service.task;

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
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

@Entity
@Table(name = "measurement_tasks")
class MeasurementTask {

    private static final int MAX_ERROR_LENGTH = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "measurement_task_ids")
    @SequenceGenerator(name = "measurement_task_ids", sequenceName = "measurement_tasks_id_seq", allocationSize = 50)
    private @Nullable Long id;

    @Column(name = "device_id")
    private UUID deviceId;

    private String space;

    @JdbcTypeCode(SqlTypes.JSON)
    private JsonNode config;

    @Column(name = "config_hash")
    private String configHash;

    @Enumerated(EnumType.STRING)
    private TaskPurpose purpose;

    @Column(name = "reference_position")
    private @Nullable Integer referencePosition;

    @Enumerated(EnumType.STRING)
    private TaskState state;

    @Column(name = "lease_token")
    private @Nullable UUID leaseToken;

    @Column(name = "lease_expires_at")
    private @Nullable Instant leaseExpiresAt;

    private int attempts;

    @Column(name = "last_error")
    private @Nullable String lastError;

    @Column(name = "measurement_id")
    private @Nullable Long measurementId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "completed_at")
    private @Nullable Instant completedAt;

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected MeasurementTask() {}

    MeasurementTask(
            UUID deviceId,
            String space,
            JsonNode config,
            String configHash,
            TaskPurpose purpose,
            @Nullable Integer referencePosition,
            Instant createdAt) {
        this.deviceId = deviceId;
        this.space = space;
        this.config = config;
        this.configHash = configHash;
        this.purpose = purpose;
        this.referencePosition = referencePosition;
        this.state = TaskState.QUEUED;
        this.createdAt = createdAt;
    }

    long id() {
        return Objects.requireNonNull(id, "a stored task has an id");
    }

    String configHash() {
        return configHash;
    }

    JsonNode config() {
        return config;
    }

    String space() {
        return space;
    }

    TaskPurpose purpose() {
        return purpose;
    }

    TaskState state() {
        return state;
    }

    /** True while {@code token} is this task's lease and the lease has not expired at {@code now}. */
    boolean isLeasedBy(UUID token, Instant now) {
        return state == TaskState.LEASED
                && token.equals(leaseToken)
                && leaseExpiresAt != null
                && leaseExpiresAt.isAfter(now);
    }

    /** True once {@code token}'s lease has delivered the result: a repeated report of it is answered the same. */
    boolean wasCompletedBy(UUID token) {
        return state == TaskState.DONE && token.equals(leaseToken);
    }

    void lease(UUID token, Instant expiresAt) {
        state = TaskState.LEASED;
        leaseToken = token;
        leaseExpiresAt = expiresAt;
        attempts++;
    }

    void extendLease(Instant expiresAt) {
        leaseExpiresAt = expiresAt;
    }

    void complete(long measurement, Instant now) {
        state = TaskState.DONE;
        measurementId = measurement;
        completedAt = now;
        leaseExpiresAt = null;
    }

    /** A reported failure: back to the queue, or failed for good once attempts are used up. */
    void fail(String reason, int maxAttempts, Instant now) {
        lastError = reason.length() > MAX_ERROR_LENGTH ? reason.substring(0, MAX_ERROR_LENGTH) : reason;
        leaseToken = null;
        leaseExpiresAt = null;
        if (attempts >= maxAttempts) {
            state = TaskState.FAILED;
            completedAt = now;
        } else {
            state = TaskState.QUEUED;
        }
    }

    /** Handed back unstarted: the lease did not count as an attempt. */
    void release() {
        state = TaskState.QUEUED;
        leaseToken = null;
        leaseExpiresAt = null;
        attempts = Math.max(0, attempts - 1);
    }

    @Nullable
    Long measurementId() {
        return measurementId;
    }

    LeasedTask toLeased() {
        return new LeasedTask(
                id(),
                space,
                config,
                configHash,
                purpose,
                Objects.requireNonNull(leaseToken),
                Objects.requireNonNull(leaseExpiresAt));
    }

    TaskResponse toResponse() {
        return new TaskResponse(
                id(),
                deviceId,
                space,
                config,
                configHash,
                purpose,
                referencePosition,
                state,
                attempts,
                leaseExpiresAt,
                lastError,
                measurementId,
                createdAt,
                completedAt);
    }
}

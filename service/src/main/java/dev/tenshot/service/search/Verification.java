package dev.tenshot.service.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One verification task of a round: a config of the round's front queued on a device, with the prediction its
 * measurement checks. The task's end updates this row only, so results landing at once never contend.
 */
@Entity
@Table(name = "search_verifications")
class Verification {

    @Id
    @Column(name = "task_id")
    private long taskId;

    @Column(name = "job_id")
    private UUID jobId;

    private int round;

    @Column(name = "device_id")
    private UUID deviceId;

    @Column(name = "config_hash")
    private String configHash;

    @Column(name = "latency_ms")
    private double latencyMs;

    @Column(name = "latency_lower_ms")
    private @Nullable Double latencyLowerMs;

    @Column(name = "latency_upper_ms")
    private @Nullable Double latencyUpperMs;

    @Column(name = "latency_bound_ms")
    private double latencyBoundMs;

    private boolean feasible;

    @Column(name = "measured_latency_ms")
    private @Nullable Double measuredLatencyMs;

    @Column(name = "ended_at")
    private @Nullable Instant endedAt;

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected Verification() {}

    /** @param point the front point on the device, as the round predicted it */
    Verification(long taskId, UUID jobId, int round, FrontResponse.Point point) {
        this.taskId = taskId;
        this.jobId = jobId;
        this.round = round;
        this.deviceId = point.deviceId();
        this.configHash = point.configHash();
        this.latencyMs = point.latencyMs();
        this.latencyLowerMs = point.latencyLowerMs();
        this.latencyUpperMs = point.latencyUpperMs();
        this.latencyBoundMs = Objects.requireNonNull(point.latencyBoundMs(), "a new front point has its bound");
        this.feasible = point.feasible();
    }

    RoundOutcome.Point toOutcomePoint() {
        return new RoundOutcome.Point(latencyMs, measuredLatencyMs, feasible);
    }

    VerificationResponse.Item toItem(double budgetMs) {
        return new VerificationResponse.Item(
                round,
                deviceId,
                taskId,
                configHash,
                latencyMs,
                latencyLowerMs,
                latencyUpperMs,
                latencyBoundMs,
                feasible,
                endedAt == null ? "open" : measuredLatencyMs == null ? "given-up" : "measured",
                measuredLatencyMs,
                measuredLatencyMs == null ? null : RoundOutcome.relativeError(latencyMs, measuredLatencyMs),
                FrontPoint.meetsBudget(measuredLatencyMs, budgetMs));
    }
}

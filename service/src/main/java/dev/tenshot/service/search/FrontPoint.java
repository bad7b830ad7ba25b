package dev.tenshot.service.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One point of a finished job's Pareto front; Grafana plots these rows. */
@Entity
@Table(name = "front_points")
@IdClass(FrontPoint.Key.class)
class FrontPoint {

    record Key(UUID jobId, int point, UUID deviceId) {}

    @Id
    @Column(name = "job_id")
    private UUID jobId;

    @Id
    private int point;

    @Id
    @Column(name = "device_id")
    private UUID deviceId;

    @JdbcTypeCode(SqlTypes.JSON)
    private JsonNode config;

    @Column(name = "config_hash")
    private String configHash;

    @Column(name = "kept_blocks")
    private int keptBlocks;

    @Column(name = "latency_ms")
    private double latencyMs;

    @Column(name = "latency_lower_ms")
    private @Nullable Double latencyLowerMs;

    @Column(name = "latency_upper_ms")
    private @Nullable Double latencyUpperMs;

    private double quality;
    private long parameters;
    private boolean feasible;
    private double violation;

    @Column(name = "measured_latency_ms")
    private @Nullable Double measuredLatencyMs;

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected FrontPoint() {}

    FrontPoint(UUID jobId, int point, UUID deviceId, FrontResponse.Point values) {
        this.jobId = jobId;
        this.point = point;
        this.deviceId = deviceId;
        this.config = values.config();
        this.configHash = values.configHash();
        this.keptBlocks = values.keptBlocks();
        this.latencyMs = values.latencyMs();
        this.latencyLowerMs = values.latencyLowerMs();
        this.latencyUpperMs = values.latencyUpperMs();
        this.quality = values.quality();
        this.parameters = values.parameters();
        this.feasible = values.feasible();
        this.violation = values.violation();
    }

    FrontResponse.Point toPoint(@Nullable Double measured) {
        return new FrontResponse.Point(
                point,
                deviceId,
                config,
                configHash,
                keptBlocks,
                latencyMs,
                latencyLowerMs,
                latencyUpperMs,
                quality,
                parameters,
                feasible,
                violation,
                measured != null ? measured : measuredLatencyMs);
    }

    String configHash() {
        return configHash;
    }

    UUID deviceId() {
        return deviceId;
    }
}

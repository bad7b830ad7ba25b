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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

/** One point of a job's latest Pareto front on one device; Grafana plots these rows. */
@Entity
@Table(name = "front_points")
@IdClass(FrontPoint.Key.class)
class FrontPoint {

    record Key(UUID jobId, int point, UUID deviceId) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Id
    @Column(name = "job_id")
    private UUID jobId;

    @Id
    private int point;

    @Id
    @Column(name = "device_id")
    private UUID deviceId;

    private int round;

    /**
     * The config's JSON text as the database holds it: a front read writes it out as it is instead of parsing
     * thousands of small documents into trees and writing them again (most of a large front's read time).
     */
    @JdbcTypeCode(SqlTypes.JSON)
    private String config;

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

    @Column(name = "latency_bound_ms")
    private @Nullable Double latencyBoundMs;

    private double quality;
    private long parameters;
    private boolean feasible;
    private double violation;

    @Column(name = "measured_latency_ms")
    private @Nullable Double measuredLatencyMs;

    @Column(name = "fixed_stages_ms")
    private @Nullable Double fixedStagesMs;

    @Column(name = "peak_memory_bytes")
    private @Nullable Long peakMemoryBytes;

    @Column(name = "measured_peak_memory_bytes")
    private @Nullable Long measuredPeakMemoryBytes;

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected FrontPoint() {}

    FrontPoint(UUID jobId, FrontResponse.Point values) {
        this.jobId = jobId;
        this.point = values.point();
        this.deviceId = values.deviceId();
        this.round = values.round();
        this.config = values.config().toString();
        this.configHash = values.configHash();
        this.keptBlocks = values.keptBlocks();
        this.latencyMs = values.latencyMs();
        this.latencyLowerMs = values.latencyLowerMs();
        this.latencyUpperMs = values.latencyUpperMs();
        this.latencyBoundMs = values.latencyBoundMs();
        this.quality = values.quality();
        this.parameters = values.parameters();
        this.feasible = values.feasible();
        this.violation = values.violation();
        this.measuredLatencyMs = values.measuredLatencyMs();
        this.fixedStagesMs = values.fixedStagesMs();
        this.peakMemoryBytes = values.peakMemoryBytes();
        this.measuredPeakMemoryBytes = values.measuredPeakMemoryBytes();
    }

    /**
     * @param measured the device's median measurement of the config, if any (else the stored one)
     * @param measuredPeak the device's median measured peak memory of the config, if any (else the stored one)
     * @param budgetMs the job's latency budget ({@code +Infinity} for none)
     */
    FrontResponse.Point toPoint(@Nullable Double measured, @Nullable Double measuredPeak, double budgetMs) {
        Double ms = measured != null ? measured : measuredLatencyMs;
        Long peak = measuredPeak != null ? Long.valueOf(Math.round(measuredPeak)) : measuredPeakMemoryBytes;
        return new FrontResponse.Point(
                point,
                deviceId,
                round,
                JsonNodeFactory.instance.rawValueNode(new RawValue(config)),
                configHash,
                keptBlocks,
                latencyMs,
                latencyLowerMs,
                latencyUpperMs,
                latencyBoundMs,
                quality,
                parameters,
                feasible,
                violation,
                ms,
                meetsBudget(ms, budgetMs),
                denoiserMs(latencyMs, fixedStagesMs),
                fixedStagesMs,
                peakMemoryBytes,
                peak);
    }

    /** The denoiser's share of a predicted latency: what is beyond the measured fixed stages (null without them). */
    static @Nullable Double denoiserMs(double latencyMs, @Nullable Double fixedStagesMs) {
        return fixedStagesMs == null ? null : Math.max(0, latencyMs - fixedStagesMs);
    }

    /** Whether a measurement is within the budget: null before one, true without a budget. */
    static @Nullable Boolean meetsBudget(@Nullable Double measuredMs, double budgetMs) {
        return measuredMs == null ? null : measuredMs <= budgetMs;
    }

    void measured(double measuredMs) {
        measuredLatencyMs = measuredMs;
    }

    void measuredPeak(long bytes) {
        measuredPeakMemoryBytes = bytes;
    }

    /** Measured over the budget on some device: no longer reported feasible. */
    void breaksBudget(double relativeExcess) {
        feasible = false;
        violation = Math.max(violation, relativeExcess);
    }

    int point() {
        return point;
    }

    JsonNode config() {
        return JSON.readTree(config);
    }

    @Nullable
    Double measuredLatencyMs() {
        return measuredLatencyMs;
    }

    boolean feasible() {
        return feasible;
    }

    String configHash() {
        return configHash;
    }

    UUID deviceId() {
        return deviceId;
    }
}

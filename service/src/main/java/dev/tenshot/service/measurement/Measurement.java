package dev.tenshot.service.measurement;

import dev.tenshot.space.Statistic;
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
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

@Entity
@Table(name = "measurements")
class Measurement {

    /** Ids come from the sequence a thousand at a time, so a batch insert needs one sequence call. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "measurement_ids")
    @SequenceGenerator(name = "measurement_ids", sequenceName = "measurements_id_seq", allocationSize = 1000)
    private @Nullable Long id;

    @Column(name = "device_id")
    private UUID deviceId;

    @Column(name = "client_id")
    private String clientId;

    private String space;

    @JdbcTypeCode(SqlTypes.JSON)
    private JsonNode config;

    @Column(name = "config_hash")
    private String configHash;

    @Column(name = "end_to_end_ms")
    private double endToEndMs;

    @Column(name = "text_encoder_ms")
    private @Nullable Double textEncoderMs;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "denoiser_calls_ms")
    private @Nullable List<Double> denoiserCallsMs;

    @Column(name = "vae_decoder_ms")
    private @Nullable Double vaeDecoderMs;

    @Column(name = "super_resolution_ms")
    private @Nullable Double superResolutionMs;

    @Column(name = "peak_memory_bytes")
    private @Nullable Long peakMemoryBytes;

    @Column(name = "warmup_count")
    private int warmupCount;

    @Column(name = "repeat_count")
    private int repeatCount;

    @Enumerated(EnumType.STRING)
    private Statistic statistic;

    @Column(name = "dispersion_ms")
    private @Nullable Double dispersionMs;

    @Column(name = "runtime_version")
    private @Nullable String runtimeVersion;

    @Column(name = "agent_version")
    private @Nullable String agentVersion;

    private @Nullable Integer threads;
    private @Nullable String precision;

    @Column(name = "measured_at")
    private Instant measuredAt;

    @Column(name = "received_at")
    private Instant receivedAt;

    private boolean simulated;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "runner_settings")
    private @Nullable JsonNode runnerSettings;

    /** Null for rows stored before contention was reported, and when the agent could not tell: unknown. */
    @Column(name = "contention_checked")
    private @Nullable Boolean contentionChecked;

    private @Nullable Boolean contended;

    @Column(name = "other_cpu_share")
    private @Nullable Double otherCpuShare;

    private @Nullable Integer attempts;

    @Column(name = "drift_ratio")
    private @Nullable Double driftRatio;

    @Column(name = "relative_iqr")
    private @Nullable Double relativeIqr;

    @Column(name = "max_min_ratio")
    private @Nullable Double maxMinRatio;

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected Measurement() {}

    /** A checked request: {@code config} is the space's canonical form of the posted config. */
    Measurement(
            UUID deviceId,
            boolean simulated,
            MeasurementRequest request,
            JsonNode config,
            String configHash,
            Instant receivedAt) {
        var latency = request.latency();
        this.deviceId = deviceId;
        this.clientId = request.clientId();
        this.space = request.space();
        this.config = config;
        this.configHash = configHash;
        this.endToEndMs = latency.endToEndMs();
        this.textEncoderMs = latency.textEncoderMs();
        this.denoiserCallsMs = latency.denoiserCallsMs();
        this.vaeDecoderMs = latency.vaeDecoderMs();
        this.superResolutionMs = latency.superResolutionMs();
        this.peakMemoryBytes = request.peakMemoryBytes();
        this.warmupCount = request.warmupCount();
        this.repeatCount = request.repeatCount();
        this.statistic = request.statistic();
        this.dispersionMs = request.dispersionMs();
        this.runtimeVersion = request.runtimeVersion();
        this.agentVersion = request.agentVersion();
        this.threads = request.threads();
        this.precision = request.precision();
        this.measuredAt = request.measuredAt();
        this.receivedAt = receivedAt;
        this.simulated = simulated;
        this.runnerSettings = request.runnerSettings();
        var contention = request.contention();
        if (contention != null) {
            this.contentionChecked = contention.checked();
            this.contended = contention.contended();
            this.otherCpuShare = contention.otherCpuShare();
            this.attempts = contention.attempts();
            this.driftRatio = contention.driftRatio();
            this.relativeIqr = contention.relativeIqr();
            this.maxMinRatio = contention.maxMinRatio();
        }
    }

    long id() {
        return java.util.Objects.requireNonNull(id, "a stored measurement has an id");
    }

    String clientId() {
        return clientId;
    }

    MeasurementResponse toResponse() {
        return new MeasurementResponse(
                id(),
                deviceId,
                simulated,
                clientId,
                space,
                config,
                configHash,
                new MeasurementRequest.StageLatencies(
                        endToEndMs, textEncoderMs, denoiserCallsMs, vaeDecoderMs, superResolutionMs),
                peakMemoryBytes,
                warmupCount,
                repeatCount,
                statistic,
                dispersionMs,
                runtimeVersion,
                agentVersion,
                threads,
                precision,
                measuredAt,
                receivedAt,
                runnerSettings,
                contentionChecked == null
                        ? null
                        : new MeasurementRequest.Contention(
                                contentionChecked,
                                contended,
                                otherCpuShare,
                                attempts,
                                driftRatio,
                                relativeIqr,
                                maxMinRatio));
    }
}

package dev.tenshot.service.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Counters and status change only through update statements in {@link DeviceRepository}, never by dirty checking. */
@Entity
@DynamicUpdate
@Table(name = "devices")
class Device {

    @Id
    private UUID id;

    private String name;

    @Enumerated(EnumType.STRING)
    private DeviceKind kind;

    private String chipset;
    private String runtime;
    private String precision;

    @JdbcTypeCode(SqlTypes.JSON)
    private JsonNode attributes;

    private boolean simulated;

    private String space;

    @Enumerated(EnumType.STRING)
    private DeviceStatus status;

    @Column(name = "agent_token_hash")
    private String agentTokenHash;

    @Column(name = "measurement_count")
    private long measurementCount;

    @Column(name = "registered_at")
    private Instant registeredAt;

    @Column(name = "last_seen_at")
    private @Nullable Instant lastSeenAt;

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected Device() {}

    Device(RegisterDeviceRequest request, String agentTokenHash, Instant registeredAt) {
        this.id = UUID.randomUUID();
        this.name = request.name();
        this.kind = request.kind();
        this.chipset = request.chipset();
        this.runtime = request.runtime();
        this.precision = request.precision();
        this.attributes = request.attributesOrEmpty();
        this.simulated = request.simulated();
        this.space = request.spaceOrDefault();
        this.status = DeviceStatus.CALIBRATING;
        this.agentTokenHash = agentTokenHash;
        this.registeredAt = registeredAt;
    }

    DeviceResponse toResponse() {
        return new DeviceResponse(
                id,
                name,
                kind,
                chipset,
                runtime,
                precision,
                attributes,
                simulated,
                space,
                status,
                measurementCount,
                registeredAt,
                lastSeenAt);
    }

    void replaceAgentToken(String newHash) {
        agentTokenHash = newHash;
    }

    boolean retired() {
        return status == DeviceStatus.RETIRED;
    }

    void retire(String unusableTokenHash) {
        status = DeviceStatus.RETIRED;
        agentTokenHash = unusableTokenHash;
    }

    UUID id() {
        return id;
    }

    String space() {
        return space;
    }
}

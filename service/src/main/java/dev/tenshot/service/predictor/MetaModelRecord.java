package dev.tenshot.service.predictor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One stored version of a space's meta-model: its model file and what it was trained on. */
@Entity
@Table(name = "meta_models")
class MetaModelRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private String space;
    private String fingerprint;

    @Column(name = "source_devices")
    private int sourceDevices;

    private long samples;

    @JdbcTypeCode(SqlTypes.JSON)
    private JsonNode model;

    @Column(name = "trained_at")
    private Instant trainedAt;

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected MetaModelRecord() {}

    MetaModelRecord(String space, String fingerprint, int sourceDevices, long samples, JsonNode model, Instant at) {
        this.space = space;
        this.fingerprint = fingerprint;
        this.sourceDevices = sourceDevices;
        this.samples = samples;
        this.model = model;
        this.trainedAt = at;
    }

    long version() {
        return Objects.requireNonNull(id, "a stored model has an id");
    }

    String fingerprint() {
        return fingerprint;
    }

    JsonNode model() {
        return model;
    }
}

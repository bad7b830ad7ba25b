package dev.tenshot.service.quality;

import io.swagger.v3.oas.annotations.media.Schema;
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

@Entity
@Table(name = "quality_evaluations")
class QualityEvaluation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private String space;

    @JdbcTypeCode(SqlTypes.JSON)
    private JsonNode config;

    @Column(name = "config_hash")
    private String configHash;

    private String metric;

    @Column(name = "metric_value") // VALUE is a keyword in H2
    private double value;

    @Column(name = "created_at")
    private Instant createdAt;

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected QualityEvaluation() {}

    QualityEvaluation(String space, JsonNode config, String configHash, String metric, double value, Instant at) {
        this.space = space;
        this.config = config;
        this.configHash = configHash;
        this.metric = metric;
        this.value = value;
        this.createdAt = at;
    }

    JsonNode config() {
        return config;
    }

    String configHash() {
        return configHash;
    }

    double value() {
        return value;
    }

    Response toResponse() {
        return new Response(Objects.requireNonNull(id), space, config, configHash, metric, value, createdAt);
    }

    @Schema(name = "QualityEvaluation")
    record Response(
            long id,
            String space,
            JsonNode config,
            String configHash,
            String metric,
            double value,
            Instant createdAt) {}
}

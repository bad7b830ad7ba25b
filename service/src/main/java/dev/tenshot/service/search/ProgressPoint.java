package dev.tenshot.service.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A job's progress at one generation of its current round (Grafana's progress-over-time panel). */
@Entity
@Table(name = "search_progress")
@IdClass(ProgressPoint.Key.class)
class ProgressPoint {

    record Key(UUID jobId, int generation) {}

    @Id
    @Column(name = "job_id")
    private UUID jobId;

    @Id
    private int generation;

    private int round;

    private long evaluations;

    @Column(name = "front_size")
    private int frontSize;

    private double hypervolume;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected ProgressPoint() {}

    ProgressPoint(
            UUID jobId, int round, int generation, long evaluations, int frontSize, double hypervolume, Instant at) {
        this.jobId = jobId;
        this.round = round;
        this.generation = generation;
        this.evaluations = evaluations;
        this.frontSize = frontSize;
        this.hypervolume = hypervolume;
        this.recordedAt = at;
    }
}

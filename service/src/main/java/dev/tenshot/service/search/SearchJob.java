package dev.tenshot.service.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

@Entity
@Table(name = "search_jobs")
class SearchJob {

    private static final int MAX_ERROR = 2000;

    @Id
    private UUID id;

    @Column(name = "device_id")
    private UUID deviceId;

    private String space;

    @Enumerated(EnumType.STRING)
    private SearchJobState state;

    @JdbcTypeCode(SqlTypes.JSON)
    private JsonNode request;

    private long seed;
    private int population;
    private int generations;
    private int generation;
    private long evaluations;

    @Column(name = "front_size")
    private int frontSize;

    private @Nullable Double hypervolume;

    @Column(name = "meta_model_version")
    private @Nullable Long metaModelVersion;

    private int attempts;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "verification_tasks")
    private @Nullable List<Long> verificationTasks;

    @Column(name = "lease_owner")
    private @Nullable String leaseOwner;

    @Column(name = "lease_expires_at")
    private @Nullable Instant leaseExpiresAt;

    private @Nullable String error;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "started_at")
    private @Nullable Instant startedAt;

    @Column(name = "finished_at")
    private @Nullable Instant finishedAt;

    @SuppressWarnings("NullAway.Init") // for JPA only
    protected SearchJob() {}

    SearchJob(UUID deviceId, String space, JsonNode request, long seed, int population, int generations, Instant now) {
        this.id = UUID.randomUUID();
        this.deviceId = deviceId;
        this.space = space;
        this.state = SearchJobState.QUEUED;
        this.request = request;
        this.seed = seed;
        this.population = population;
        this.generations = generations;
        this.createdAt = now;
    }

    /** Taken by a replica; a job taken again after an expired lease is rerun from its seed. */
    void start(String owner, Instant now, Instant leaseUntil) {
        state = SearchJobState.RUNNING;
        leaseOwner = owner;
        leaseExpiresAt = leaseUntil;
        attempts++;
        startedAt = now;
        generation = 0;
        evaluations = 0;
        frontSize = 0;
        hypervolume = null;
    }

    void progress(int generation, long evaluations, int frontSize, double hypervolume, Instant leaseUntil) {
        this.generation = generation;
        this.evaluations = evaluations;
        this.frontSize = frontSize;
        this.hypervolume = hypervolume;
        this.leaseExpiresAt = leaseUntil;
    }

    void finish(SearchJobState finalState, @Nullable String failure, long metaModel, Instant now) {
        state = finalState;
        error = failure == null || failure.length() <= MAX_ERROR ? failure : failure.substring(0, MAX_ERROR);
        metaModelVersion = metaModel;
        finishedAt = now;
        leaseOwner = null;
        leaseExpiresAt = null;
    }

    /** The front is stored and these tasks measure its top configs: done once they have all ended. */
    void verify(List<Long> tasks, long metaModel, Instant now) {
        if (tasks.isEmpty()) {
            finish(SearchJobState.DONE, null, metaModel, now);
            return;
        }
        finish(SearchJobState.VERIFYING, null, metaModel, now);
        verificationTasks = List.copyOf(tasks);
    }

    /** A verification task ended (measured, or given up); answers whether this job was waiting for it. */
    boolean verificationEnded(long task) {
        if (state != SearchJobState.VERIFYING || verificationTasks == null || !verificationTasks.contains(task)) {
            return false;
        }
        var remaining = new java.util.ArrayList<>(verificationTasks);
        remaining.remove(Long.valueOf(task));
        verificationTasks = List.copyOf(remaining);
        if (remaining.isEmpty()) {
            state = SearchJobState.DONE;
        }
        return true;
    }

    void cancel(Instant now) {
        if (!state.isFinal()) {
            state = SearchJobState.CANCELLED;
            finishedAt = now;
        }
    }

    UUID id() {
        return id;
    }

    UUID deviceId() {
        return deviceId;
    }

    SearchJobState state() {
        return state;
    }

    JsonNode request() {
        return request;
    }

    long seed() {
        return seed;
    }

    int population() {
        return population;
    }

    int generations() {
        return generations;
    }

    int attempts() {
        return attempts;
    }

    SearchJobResponse toResponse() {
        return new SearchJobResponse(
                id,
                deviceId,
                space,
                state,
                new SearchJobResponse.Progress(generation, generations, evaluations, frontSize, hypervolume),
                seed,
                attempts,
                attempts > 1,
                metaModelVersion,
                error,
                createdAt,
                startedAt,
                finishedAt,
                request);
    }
}

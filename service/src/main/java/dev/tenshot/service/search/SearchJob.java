package dev.tenshot.service.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
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

    /** The current round, from 1 (0 before the job first runs). */
    private int round;

    @Column(name = "max_rounds")
    private int maxRounds;

    @Enumerated(EnumType.STRING)
    private @Nullable Verdict verdict;

    @Column(name = "latency_budget_ms")
    private @Nullable Double latencyBudgetMs;

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

    SearchJob(
            UUID deviceId,
            String space,
            JsonNode request,
            long seed,
            int population,
            int generations,
            SearchJobRequest.RoundSettings rounds,
            Instant now) {
        this.id = UUID.randomUUID();
        this.deviceId = deviceId;
        this.space = space;
        this.state = SearchJobState.QUEUED;
        this.request = request;
        this.seed = seed;
        this.population = population;
        this.generations = generations;
        this.maxRounds = rounds.maxRounds();
        this.latencyBudgetMs = Double.isFinite(rounds.latencyBudgetMs()) ? rounds.latencyBudgetMs() : null;
        this.createdAt = now;
    }

    /**
     * Taken by a replica: a queued job starts its first round; a job taken again after an expired lease reruns its
     * current round from its seed.
     */
    void start(String owner, Instant now, Instant leaseUntil) {
        round = Math.max(round, 1);
        attempts++;
        if (startedAt == null) {
            startedAt = now;
        }
        run(owner, leaseUntil);
    }

    /** Its round's verification ended without a verdict: the next round's search starts. */
    void startNextRound(String owner, Instant leaseUntil) {
        round++;
        attempts = 1;
        run(owner, leaseUntil);
    }

    private void run(String owner, Instant leaseUntil) {
        state = SearchJobState.RUNNING;
        leaseOwner = owner;
        leaseExpiresAt = leaseUntil;
        generation = 0;
        evaluations = 0;
        frontSize = 0;
        hypervolume = null;
    }

    /** Whether this replica still holds the job's lease (not cancelled, not taken over after an expired lease). */
    boolean runBy(String owner) {
        return state == SearchJobState.RUNNING && owner.equals(leaseOwner);
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
        releaseLease();
    }

    /**
     * The round's front is stored: done for a job without verification, else verifying until the round's
     * verification tasks have ended (no replica holds it meanwhile).
     */
    void searched(boolean verifying, long metaModel, Instant now) {
        if (!verifying) {
            finish(SearchJobState.DONE, null, metaModel, now);
            return;
        }
        state = SearchJobState.VERIFYING;
        metaModelVersion = metaModel;
        releaseLease();
    }

    /** The last round's verification ended with a verdict. */
    void conclude(Verdict verdict, Instant now) {
        this.verdict = verdict;
        state = SearchJobState.DONE;
        finishedAt = now;
        releaseLease();
    }

    private void releaseLease() {
        leaseOwner = null;
        leaseExpiresAt = null;
    }

    void cancel(Instant now) {
        if (!state.isFinal()) {
            state = SearchJobState.CANCELLED;
            finishedAt = now;
            releaseLease();
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

    Instant createdAt() {
        return createdAt;
    }

    @Nullable
    Instant finishedAt() {
        return finishedAt;
    }

    int round() {
        return round;
    }

    int maxRounds() {
        return maxRounds;
    }

    /** The job as the API shows it; a running job whose lease ran out before {@code now} says so. */
    SearchJobResponse toResponse(Instant now) {
        return new SearchJobResponse(
                id,
                deviceId,
                space,
                state,
                round,
                maxRounds,
                verdict,
                new SearchJobResponse.Progress(round, generation, generations, evaluations, frontSize, hypervolume),
                seed,
                attempts,
                attempts > 1,
                metaModelVersion,
                error,
                createdAt,
                startedAt,
                finishedAt,
                leaseExpiresAt,
                state == SearchJobState.RUNNING && leaseExpiresAt != null && leaseExpiresAt.isBefore(now),
                request);
    }
}

package dev.tenshot.service.search;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A search job as the API shows it.
 *
 * @param round the round the job is in, from 1 (0 while queued); a job without {@code verifyTopK} runs one
 * @param maxRounds most rounds the job runs
 * @param verdict how a job with verification ended: {@code converged}, {@code round-limit} or {@code budget-unmet}
 *     (null before it is done, and for a job without verification)
 * @param attempts runs of the current round
 * @param rerunFromSeed true when a replica died while running the round and another ran it again from its seed (the
 *     result is the same: the search is deterministic for a seed)
 * @param metaModelVersion the meta-model behind the device's predictor that scored the job
 * @param leaseExpiresAt while running: until when its replica holds it (renewed every few seconds while it works)
 * @param leaseExpired a running job whose replica stopped renewing its lease (died or hung): another replica takes it
 *     and reruns the round from its seed, and {@code attempts} then counts up
 */
record SearchJobResponse(
        UUID id,
        UUID deviceId,
        String space,
        SearchJobState state,
        int round,
        int maxRounds,
        @Nullable Verdict verdict,
        Progress progress,
        long seed,
        int attempts,
        boolean rerunFromSeed,
        @Nullable Long metaModelVersion,
        @Nullable String error,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Instant leaseExpiresAt,
        boolean leaseExpired,
        JsonNode request) {

    /** @param round the round whose search this is the progress of */
    record Progress(
            int round,
            int generation,
            int generations,
            long evaluations,
            int frontSize,
            @Nullable Double hypervolume) {}
}

package dev.tenshot.service.search;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A search job as the API shows it.
 *
 * @param rerunFromSeed true when a replica died while running it and another ran it again from its seed (the result
 *     is the same: the search is deterministic for a seed)
 * @param metaModelVersion the meta-model behind the device's predictor that scored the job
 */
record SearchJobResponse(
        UUID id,
        UUID deviceId,
        String space,
        SearchJobState state,
        Progress progress,
        long seed,
        int attempts,
        boolean rerunFromSeed,
        @Nullable Long metaModelVersion,
        @Nullable String error,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        JsonNode request) {

    record Progress(
            int generation,
            int generations,
            long evaluations,
            int frontSize,
            @Nullable Double hypervolume) {}
}

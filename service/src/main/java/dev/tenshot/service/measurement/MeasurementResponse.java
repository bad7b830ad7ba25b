package dev.tenshot.service.measurement;

import dev.tenshot.space.Statistic;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A stored measurement with its provenance; {@code config} is in its space's canonical form.
 *
 * @param simulated true when the device is simulated: the figure was computed, not measured
 * @param contention whether other processes shared the machine meanwhile; null when not known
 */
record MeasurementResponse(
        long id,
        UUID deviceId,
        boolean simulated,
        String clientId,
        String space,
        JsonNode config,
        String configHash,
        MeasurementRequest.StageLatencies latency,
        @Nullable Long peakMemoryBytes,
        int warmupCount,
        int repeatCount,
        Statistic statistic,
        @Nullable Double dispersionMs,
        @Nullable String runtimeVersion,
        @Nullable String agentVersion,
        @Nullable Integer threads,
        @Nullable String precision,
        Instant measuredAt,
        Instant receivedAt,
        @Nullable JsonNode runnerSettings,
        MeasurementRequest.@Nullable Contention contention) {}

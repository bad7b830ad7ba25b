package dev.tenshot.agent.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** What the service answers, as far as an agent reads it (other fields are ignored: tolerant reader). */
public final class ApiMessages {

    private ApiMessages() {}

    public record Device(UUID id, String name, String status, long measurementCount, boolean simulated, String space) {}

    /** A page of a device's tasks; only the count is read. */
    public record TaskPage(long totalItems) {}

    public record Registration(UUID id, String name, String status, String agentToken) {}

    public record LeasedTask(
            long taskId,
            String space,
            JsonNode config,
            String configHash,
            String purpose,
            UUID leaseToken,
            Instant leaseExpiresAt) {}

    public record HeldLease(long taskId, UUID leaseToken) {}

    record LeaseResponse(List<LeasedTask> tasks) {}

    public record Heartbeat(List<Long> extended, List<Long> lost, Instant leaseExpiresAt) {}

    public record ResultAck(long taskId, long measurementId, boolean alreadyRecorded, String deviceStatus) {}

    record ReleaseResponse(List<Long> released) {}
}

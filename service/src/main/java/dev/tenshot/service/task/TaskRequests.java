package dev.tenshot.service.task;

import dev.tenshot.service.api.BoundedJson;
import dev.tenshot.service.measurement.MeasurementRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Request and response bodies of the task API. */
final class TaskRequests {

    private TaskRequests() {}

    /**
     * @param max most tasks to lease, default 1
     * @param leaseSeconds how long the lease lasts, default the service's
     */
    record LeaseRequest(
            @Nullable @Min(1) @Max(1000) Integer max,
            @Nullable @Min(1) Integer leaseSeconds) {}

    record LeaseResponse(List<LeasedTask> tasks) {
        LeaseResponse {
            tasks = List.copyOf(tasks);
        }
    }

    record HeldLease(@NotNull Long taskId, @NotNull UUID leaseToken) {}

    record HeartbeatRequest(
            @NotNull @Size(max = 1000) List<@Valid @NotNull HeldLease> leases,
            @Nullable @Min(1) Integer leaseSeconds) {}

    /**
     * @param extended tasks whose lease now lasts until {@code leaseExpiresAt}
     * @param lost tasks whose lease is gone (expired, or the task was leased again): stop working on them
     */
    record HeartbeatResponse(List<Long> extended, List<Long> lost, Instant leaseExpiresAt) {
        HeartbeatResponse {
            extended = List.copyOf(extended);
            lost = List.copyOf(lost);
        }
    }

    record ResultRequest(@NotNull UUID leaseToken, @NotNull MeasurementRequest measurement) {}

    /**
     * @param alreadyRecorded true when this lease's result had been stored before (a repeated report)
     * @param deviceStatus the device's status after this result, e.g. {@code ready} after its last reference task
     */
    record ResultResponse(long taskId, long measurementId, boolean alreadyRecorded, String deviceStatus) {}

    record FailureRequest(
            @NotNull UUID leaseToken,
            @NotBlank @Size(max = 10_000) String reason) {}

    record ReleaseRequest(@NotNull @Size(max = 1000) List<@Valid @NotNull HeldLease> leases) {}

    record ReleaseResponse(List<Long> released) {
        ReleaseResponse {
            released = List.copyOf(released);
        }
    }

    /**
     * @param space defaults to the device's space
     * @param configs configs in the space's JSON form
     */
    record EnqueueRequest(
            @Nullable @Size(max = 64) String space,
            @NotEmpty @Size(max = 10_000) List<@NotNull @BoundedJson JsonNode> configs) {}

    record EnqueueResponse(List<Long> taskIds) {
        EnqueueResponse {
            taskIds = List.copyOf(taskIds);
        }
    }
}

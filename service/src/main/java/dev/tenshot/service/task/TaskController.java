package dev.tenshot.service.task;

import dev.tenshot.service.access.Caller;
import dev.tenshot.service.access.Tokens;
import dev.tenshot.service.api.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The agents' side of the service: lease, heartbeat, report, fail, release; and queueing configs to measure. */
@RestController
@RequestMapping("/api/v1/devices/{deviceId}/tasks")
@Tag(name = "tasks", description = "Measurement tasks that agents lease, measure and report")
class TaskController {

    private final TaskQueue queue;

    TaskController(TaskQueue queue) {
        this.queue = queue;
    }

    /** Queues configs to measure on the device (admin token). */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "enqueueTasks", summary = "Queue configs to measure on the device")
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "201", description = "The queued tasks")
    @ApiResponse(responseCode = "404", description = "`device-not-found`")
    @ApiResponse(
            responseCode = "422",
            description = "`invalid-request`, `invalid-config`, `unknown-space`, or `device-retired`")
    TaskRequests.EnqueueResponse enqueue(
            @PathVariable UUID deviceId, Caller caller, @Valid @RequestBody TaskRequests.EnqueueRequest request) {
        caller.requireAdmin();
        return new TaskRequests.EnqueueResponse(queue.enqueue(deviceId, request.space(), request.configs()));
    }

    @GetMapping
    @Operation(operationId = "listTasks", summary = "Page the device's measurement tasks")
    @SecurityRequirement(name = Tokens.ADMIN)
    @SecurityRequirement(name = Tokens.AGENT)
    @SecurityRequirement(name = Tokens.READ)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`device-not-found`")
    PageResponse<TaskResponse> list(
            @PathVariable UUID deviceId,
            @RequestParam(required = false) @Nullable TaskState state,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return queue.list(deviceId, state, PageRequest.of(page, size, Sort.by("id")));
    }

    @PostMapping("/leases")
    @Operation(operationId = "leaseTasks", summary = "Lease queued tasks for the agent to measure")
    @SecurityRequirement(name = Tokens.AGENT)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`device-not-found`")
    TaskRequests.LeaseResponse lease(
            @PathVariable UUID deviceId, Caller caller, @Valid @RequestBody TaskRequests.LeaseRequest request) {
        caller.requireWriteAccessTo(deviceId);
        int max = request.max() == null ? 1 : request.max();
        return new TaskRequests.LeaseResponse(queue.lease(deviceId, max, request.leaseSeconds()));
    }

    @PostMapping("/heartbeat")
    @Operation(operationId = "renewLeases", summary = "Renew the agent's leases and say it is alive")
    @SecurityRequirement(name = Tokens.AGENT)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`device-not-found`")
    TaskRequests.HeartbeatResponse heartbeat(
            @PathVariable UUID deviceId, Caller caller, @Valid @RequestBody TaskRequests.HeartbeatRequest request) {
        caller.requireWriteAccessTo(deviceId);
        return queue.heartbeat(deviceId, request.leases(), request.leaseSeconds());
    }

    @PostMapping("/{taskId}/result")
    @Operation(operationId = "completeTask", summary = "Report a leased task's measured latency")
    @SecurityRequirement(name = Tokens.AGENT)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`device-not-found` or `task-not-found`")
    @ApiResponse(
            responseCode = "409",
            description = "`lease-lost`: the lease expired or was superseded; nothing stored")
    TaskRequests.ResultResponse result(
            @PathVariable UUID deviceId,
            @PathVariable long taskId,
            Caller caller,
            @Valid @RequestBody TaskRequests.ResultRequest request) {
        caller.requireWriteAccessTo(deviceId);
        return queue.complete(deviceId, taskId, request);
    }

    @PostMapping("/{taskId}/failure")
    @Operation(operationId = "failTask", summary = "Report that a leased task could not be measured")
    @SecurityRequirement(name = Tokens.AGENT)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`device-not-found` or `task-not-found`")
    @ApiResponse(
            responseCode = "409",
            description = "`lease-lost`: the lease expired or was superseded; nothing stored")
    TaskResponse failure(
            @PathVariable UUID deviceId,
            @PathVariable long taskId,
            Caller caller,
            @Valid @RequestBody TaskRequests.FailureRequest request) {
        caller.requireWriteAccessTo(deviceId);
        return queue.fail(deviceId, taskId, request);
    }

    @PostMapping("/release")
    @Operation(operationId = "releaseLeases", summary = "Hand leased tasks back to the queue")
    @SecurityRequirement(name = Tokens.AGENT)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`device-not-found`")
    TaskRequests.ReleaseResponse release(
            @PathVariable UUID deviceId, Caller caller, @Valid @RequestBody TaskRequests.ReleaseRequest request) {
        caller.requireWriteAccessTo(deviceId);
        return new TaskRequests.ReleaseResponse(queue.release(deviceId, request.leases()));
    }
}

package dev.tenshot.service.device;

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
import java.net.URI;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "devices", description = "The devices that agents measure, and their tokens")
class DeviceController {

    private final DeviceService devices;

    DeviceController(DeviceService devices) {
        this.devices = devices;
    }

    /** A device's new agent token, shown once. */
    record AgentTokenResponse(UUID deviceId, String agentToken) {}

    /** Registers a device (an enrolment or admin token) and answers its agent token, once. */
    @PostMapping
    @Operation(operationId = "registerDevice", summary = "Register a device and receive its agent token, once")
    @SecurityRequirement(name = Tokens.ENROLMENT)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "201", description = "Registered; Location names the device")
    @ApiResponse(responseCode = "422", description = "`invalid-request`, or `unknown-space`: no such search space")
    ResponseEntity<RegisteredDeviceResponse> register(
            Caller caller, @Valid @RequestBody RegisterDeviceRequest request) {
        caller.requireEnrolment();
        RegisteredDeviceResponse registered = devices.register(request, caller);
        return ResponseEntity.created(
                        URI.create("/api/v1/devices/" + registered.device().id()))
                .body(registered);
    }

    @GetMapping
    @Operation(operationId = "listDevices", summary = "List devices, oldest first")
    @SecurityRequirement(name = Tokens.READ)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    PageResponse<DeviceResponse> list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return devices.list(PageRequest.of(page, size, Sort.by("registeredAt", "id")));
    }

    /** The device an agent token belongs to: how an agent started with only its token finds its device. */
    @GetMapping("/me")
    @Operation(operationId = "showOwnDevice", summary = "The device the agent token belongs to")
    @SecurityRequirement(name = Tokens.AGENT)
    @SecurityRequirement(name = Tokens.ENROLMENT)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "The agent token's device")
    @ApiResponse(
            responseCode = "404",
            description = "`no-device-for-token`: an admin or enrolment token, which belongs to no device")
    DeviceResponse me(Caller caller) {
        if (!(caller instanceof Caller.Agent agent)) {
            // an agent started with an admin or enrolment token asks first, then registers its device
            caller.requireEnrolment();
            throw DeviceProblems.noDeviceForToken();
        }
        return devices.find(agent.deviceId());
    }

    @GetMapping("/{deviceId}")
    @Operation(operationId = "showDevice", summary = "A device, with its status and measurement count")
    @SecurityRequirement(name = Tokens.READ)
    @SecurityRequirement(name = Tokens.AGENT)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "The device")
    @ApiResponse(responseCode = "404", description = "`device-not-found`")
    DeviceResponse show(@PathVariable UUID deviceId) {
        return devices.find(deviceId);
    }

    /** What happens to a deleted device's measurements: the caller must say. */
    enum MeasurementsOnDelete {
        KEEP,
        DELETE
    }

    /**
     * Deletes a device (admin token). {@code ?measurements=keep} retires it: its agent token and open tasks end, its
     * measurements stay; {@code ?measurements=delete} removes it and every row that names it.
     */
    @DeleteMapping("/{deviceId}")
    @Operation(operationId = "deleteDevice", summary = "Delete a device, keeping or deleting its measurements")
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "Deleted (or retired, with its measurements kept)")
    @ApiResponse(responseCode = "404", description = "`device-not-found`")
    RemovedDeviceResponse delete(
            @PathVariable UUID deviceId, @RequestParam MeasurementsOnDelete measurements, Caller caller) {
        caller.requireAdmin();
        return devices.remove(deviceId, measurements == MeasurementsOnDelete.KEEP, caller);
    }

    /** Gives the device a new agent token (admin token), shown once; the old one stops working at once. */
    @PostMapping("/{deviceId}/agent-token")
    @Operation(operationId = "rotateAgentToken", summary = "Give the device a new agent token, shown once")
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "The new agent token; the old one no longer works")
    @ApiResponse(responseCode = "404", description = "`device-not-found`")
    @ApiResponse(responseCode = "422", description = "`device-retired`: a retired device gets no new token")
    AgentTokenResponse rotateAgentToken(@PathVariable UUID deviceId, Caller caller) {
        caller.requireAdmin();
        String token = devices.rotateAgentToken(deviceId, caller);
        return new AgentTokenResponse(deviceId, token);
    }
}

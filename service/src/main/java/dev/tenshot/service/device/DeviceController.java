package dev.tenshot.service.device;

import dev.tenshot.service.access.Caller;
import dev.tenshot.service.api.PageResponse;
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
class DeviceController {

    private final DeviceService devices;

    DeviceController(DeviceService devices) {
        this.devices = devices;
    }

    /** A device's new agent token, shown once. */
    record AgentTokenResponse(UUID deviceId, String agentToken) {}

    /** Registers a device (an enrolment or admin token) and answers its agent token, once. */
    @PostMapping
    ResponseEntity<RegisteredDeviceResponse> register(
            Caller caller, @Valid @RequestBody RegisterDeviceRequest request) {
        caller.requireEnrolment();
        RegisteredDeviceResponse registered = devices.register(request, caller);
        return ResponseEntity.created(
                        URI.create("/api/v1/devices/" + registered.device().id()))
                .body(registered);
    }

    @GetMapping
    PageResponse<DeviceResponse> list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return devices.list(PageRequest.of(page, size, Sort.by("registeredAt", "id")));
    }

    /** The device an agent token belongs to: how an agent started with only its token finds its device. */
    @GetMapping("/me")
    DeviceResponse me(Caller caller) {
        if (!(caller instanceof Caller.Agent agent)) {
            // an agent started with an admin or enrolment token asks first, then registers its device
            caller.requireEnrolment();
            throw new NoDeviceForTokenException();
        }
        return devices.find(agent.deviceId());
    }

    @GetMapping("/{deviceId}")
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
    RemovedDeviceResponse delete(
            @PathVariable UUID deviceId, @RequestParam MeasurementsOnDelete measurements, Caller caller) {
        caller.requireAdmin();
        return devices.remove(deviceId, measurements == MeasurementsOnDelete.KEEP, caller);
    }

    /** Gives the device a new agent token (admin token), shown once; the old one stops working at once. */
    @PostMapping("/{deviceId}/agent-token")
    AgentTokenResponse rotateAgentToken(@PathVariable UUID deviceId, Caller caller) {
        caller.requireAdmin();
        String token = devices.rotateAgentToken(deviceId, caller);
        return new AgentTokenResponse(deviceId, token);
    }
}

package dev.tenshot.service.device;

import dev.tenshot.service.access.AgentTokenLookup;
import dev.tenshot.service.access.AgentTokens;
import dev.tenshot.service.access.AuditLog;
import dev.tenshot.service.access.Caller;
import dev.tenshot.service.api.PageResponse;
import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SearchSpaces;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Registers devices and keeps their counters; the only way other features reach device data. */
@Service
public class DeviceService implements AgentTokenLookup {

    private final DeviceRepository devices;
    private final SearchSpaces spaces;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    DeviceService(
            DeviceRepository devices,
            SearchSpaces spaces,
            ApplicationEventPublisher events,
            AuditLog audit,
            Clock clock) {
        this.devices = devices;
        this.spaces = spaces;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** Registers a device and, in the same transaction, has its space's reference configs queued. */
    @Transactional
    RegisteredDeviceResponse register(RegisterDeviceRequest request, Caller by) {
        String space = request.spaceOrDefault();
        if (spaces.find(space).isEmpty()) {
            throw DeviceProblems.unknownSpace(
                    space, spaces.all().stream().map(SearchSpace::name).toList());
        }
        String token = AgentTokens.generate();
        Device device = devices.save(new Device(request, AgentTokens.hash(token), clock.instant()));
        events.publishEvent(new DeviceRegistered(device.id(), space));
        audit.record(by, "device.register", device.id().toString());
        return new RegisteredDeviceResponse(device.toResponse(), token);
    }

    /**
     * Removes a device: retired with its measurements kept (its agent token and open tasks end), or deleted with
     * every row that names it. Answers what was done.
     */
    @Transactional
    RemovedDeviceResponse remove(UUID id, boolean keepMeasurements, Caller by) {
        Device device = devices.findById(id).orElseThrow(() -> DeviceProblems.notFound(id));
        events.publishEvent(new DeviceRemoved(id, keepMeasurements));
        audit.record(by, "device.delete", id + " (measurements " + (keepMeasurements ? "kept" : "deleted") + ")");
        if (keepMeasurements) {
            device.retire(AgentTokens.hash(AgentTokens.generate())); // a hash no one holds the token of
            return new RemovedDeviceResponse(id, "kept", device.toResponse());
        }
        devices.delete(device);
        return new RemovedDeviceResponse(id, "deleted", null);
    }

    /** A new agent token for the device; the old one stops working when this commits. */
    @Transactional
    String rotateAgentToken(UUID id, Caller by) {
        Device device = devices.findById(id).orElseThrow(() -> DeviceProblems.notFound(id));
        if (device.retired()) {
            throw DeviceProblems.retired(id);
        }
        String token = AgentTokens.generate();
        device.replaceAgentToken(AgentTokens.hash(token));
        audit.record(by, "device.rotate-agent-token", id.toString());
        return token;
    }

    /** Marks a device calibrated: its hardware embedding is complete. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markReady(UUID id) {
        // An update statement, not a loaded entity: the counters are updated by statements too, and a stale entity
        // flushed here would write its old counts back.
        if (devices.setStatus(id, DeviceStatus.READY) != 1) {
            throw DeviceProblems.notFound(id);
        }
    }

    /** Notes that the device's agent was heard from. */
    @Transactional
    public void touch(UUID id) {
        if (devices.touch(id, clock.instant()) != 1) {
            throw DeviceProblems.notFound(id);
        }
    }

    @Transactional(readOnly = true)
    public DeviceResponse find(UUID id) {
        return devices.findById(id).map(Device::toResponse).orElseThrow(() -> DeviceProblems.notFound(id));
    }

    @Transactional(readOnly = true)
    PageResponse<DeviceResponse> list(Pageable pageable) {
        return PageResponse.from(devices.findAll(pageable), Device::toResponse);
    }

    /** The calibrated devices of a space: the meta-model learns from them. */
    @Transactional(readOnly = true)
    public java.util.List<DeviceResponse> readyIn(String space) {
        return devices.findBySpaceAndStatus(space, DeviceStatus.READY).stream()
                .map(Device::toResponse)
                .toList();
    }

    /** Throws a {@code device-not-found} problem unless the device exists. */
    @Transactional(readOnly = true)
    public void requireExists(UUID id) {
        if (!devices.existsById(id)) {
            throw DeviceProblems.notFound(id);
        }
    }

    /** Counts newly stored measurements; runs inside the transaction that stored them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordMeasurements(UUID id, long count) {
        if (devices.addMeasurements(id, count, clock.instant()) != 1) {
            throw DeviceProblems.notFound(id);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UUID> deviceIdForTokenHash(String tokenHash) {
        return devices.findIdByAgentTokenHash(tokenHash);
    }
}

package dev.tenshot.service.device;

import dev.tenshot.service.access.AgentTokenLookup;
import dev.tenshot.service.access.AgentTokens;
import dev.tenshot.service.api.PageResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Registers devices and keeps their counters; the only way other features reach device data. */
@Service
public class DeviceService implements AgentTokenLookup {

    private final DeviceRepository devices;
    private final Clock clock;

    DeviceService(DeviceRepository devices, Clock clock) {
        this.devices = devices;
        this.clock = clock;
    }

    @Transactional
    RegisteredDeviceResponse register(RegisterDeviceRequest request) {
        String token = AgentTokens.generate();
        Device device = devices.save(new Device(request, AgentTokens.hash(token), clock.instant()));
        return new RegisteredDeviceResponse(device.toResponse(), token);
    }

    @Transactional(readOnly = true)
    public DeviceResponse find(UUID id) {
        return devices.findById(id).map(Device::toResponse).orElseThrow(() -> new DeviceNotFoundException(id));
    }

    @Transactional(readOnly = true)
    PageResponse<DeviceResponse> list(Pageable pageable) {
        return PageResponse.from(devices.findAll(pageable), Device::toResponse);
    }

    /** Throws {@link DeviceNotFoundException} unless the device exists. */
    @Transactional(readOnly = true)
    public void requireExists(UUID id) {
        if (!devices.existsById(id)) {
            throw new DeviceNotFoundException(id);
        }
    }

    /** Counts newly stored measurements; runs inside the transaction that stored them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordMeasurements(UUID id, long count) {
        if (devices.addMeasurements(id, count, clock.instant()) != 1) {
            throw new DeviceNotFoundException(id);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UUID> deviceIdForTokenHash(String tokenHash) {
        return devices.findIdByAgentTokenHash(tokenHash);
    }
}

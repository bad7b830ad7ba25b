package dev.tenshot.service.measurement;

import dev.tenshot.service.api.PageResponse;
import dev.tenshot.service.device.DeviceService;
import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SearchSpaces;
import dev.tenshot.space.SpaceConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read access to stored measurements for other features (the predictor). */
@Service
public class MeasurementQueries {

    private final MeasurementRepository measurements;
    private final SearchSpaces spaces;
    private final DeviceService devices;

    MeasurementQueries(MeasurementRepository measurements, SearchSpaces spaces, DeviceService devices) {
        this.measurements = measurements;
        this.spaces = spaces;
        this.devices = devices;
    }

    /** A page of the device's measurements, filtered by whichever of space, config and time are given. */
    @Transactional(readOnly = true)
    PageResponse<MeasurementResponse> page(
            UUID deviceId,
            @Nullable String space,
            @Nullable String configHash,
            @Nullable Instant measuredSince,
            Pageable pageable) {
        devices.requireExists(deviceId);
        var matching = MeasurementRepository.matching(deviceId, space, configHash, measuredSince);
        return PageResponse.from(measurements.findAll(matching, pageable), Measurement::toResponse);
    }

    /**
     * The device's measurements in a space that a predictor may learn from, oldest first: every one not flagged
     * contended. A reference config (of the space's current set) measured only under contention keeps those
     * measurements: a ready device needs all its reference latencies (they are its hardware embedding), and
     * without one neither its predictor nor the meta-model it is a source of could be fitted.
     */
    @Transactional(readOnly = true)
    public List<MeasuredConfig> of(UUID deviceId, String space) {
        return of(deviceId, space, referenceHashes(space));
    }

    /** As {@link #of(UUID, String)}, for a device onboarded with these reference configs (by content hash). */
    @Transactional(readOnly = true)
    public List<MeasuredConfig> of(UUID deviceId, String space, Set<String> referenceHashes) {
        List<MeasuredConfig> trusted = measurements.findTrustedMeasuredConfigs(deviceId, space);
        Set<String> missing = new HashSet<>(referenceHashes);
        trusted.forEach(m -> missing.remove(m.configHash()));
        if (missing.isEmpty()) {
            return trusted;
        }
        var all = new ArrayList<>(trusted);
        all.addAll(measurements.findMeasuredConfigsOf(deviceId, space, missing));
        all.sort(Comparator.comparingLong(MeasuredConfig::measurementId));
        return all;
    }

    /**
     * Every measurement the device has stored in the space, contended ones included: a fit made when there were
     * fewer is behind (a quiet measurement may have replaced a contended reference without changing {@link #of}'s
     * size).
     */
    @Transactional(readOnly = true)
    public long stored(UUID deviceId, String space) {
        return measurements.countByDeviceIdAndSpace(deviceId, space);
    }

    private Set<String> referenceHashes(String space) {
        return spaces.find(space).map(SearchSpace::referenceConfigs).orElse(List.of()).stream()
                .map(SpaceConfig::contentHash)
                .collect(Collectors.toCollection(HashSet::new));
    }
}

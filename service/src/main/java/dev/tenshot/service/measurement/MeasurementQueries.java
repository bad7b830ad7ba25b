package dev.tenshot.service.measurement;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read access to stored measurements for other features (the predictor). */
@Service
public class MeasurementQueries {

    private final MeasurementRepository measurements;

    MeasurementQueries(MeasurementRepository measurements) {
        this.measurements = measurements;
    }

    /** A device's measurements in a space, oldest first. */
    @Transactional(readOnly = true)
    public List<MeasuredConfig> of(UUID deviceId, String space) {
        return measurements.findMeasuredConfigs(deviceId, space);
    }

    @Transactional(readOnly = true)
    public long count(UUID deviceId, String space) {
        return measurements.countByDeviceIdAndSpace(deviceId, space);
    }
}

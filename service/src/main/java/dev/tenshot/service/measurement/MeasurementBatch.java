package dev.tenshot.service.measurement;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A batch of measurements for one device; checked whole, stored whole or not at all. */
record MeasurementBatch(@Nullable List<MeasurementRequest> measurements) {

    List<MeasurementRequest> items() {
        return measurements == null ? List.of() : measurements;
    }
}

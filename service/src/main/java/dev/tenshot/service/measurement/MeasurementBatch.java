package dev.tenshot.service.measurement;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A batch of measurements for one device; checked whole, stored whole or not at all. */
record MeasurementBatch(
        @ArraySchema(
                maxItems = MeasurementIngestion.MAX_BATCH_SIZE,
                schema = @Schema(implementation = MeasurementRequest.class))
        @Nullable
        List<MeasurementRequest> measurements) {

    List<MeasurementRequest> items() {
        return measurements == null ? List.of() : measurements;
    }
}

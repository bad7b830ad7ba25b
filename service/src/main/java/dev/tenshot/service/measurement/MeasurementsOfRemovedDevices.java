package dev.tenshot.service.measurement;

import dev.tenshot.service.device.DeviceRemoved;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A device deleted with its measurements: they go last, after the tasks and search rows that name them. */
@Component
class MeasurementsOfRemovedDevices {

    private final JdbcTemplate jdbc;

    MeasurementsOfRemovedDevices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Order(3)
    void deleteMeasurements(DeviceRemoved removed) {
        if (!removed.keepMeasurements()) {
            jdbc.update("delete from measurements where device_id = ?", removed.deviceId());
        }
    }
}

package dev.tenshot.service.task;

import dev.tenshot.service.device.DeviceRemoved;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A removed device's tasks: a retired device's open tasks fail (each announced, so that a search waiting on one
 * stops waiting); a deleted device's tasks go, after the search rows that name them.
 */
@Component
class TasksOfRemovedDevices {

    static final String RETIRED = "the device was retired; its tasks will never be measured";

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TasksOfRemovedDevices(JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    @Order(2)
    void endTasks(DeviceRemoved removed) {
        var device = removed.deviceId();
        if (!removed.keepMeasurements()) {
            jdbc.update("delete from measurement_tasks where device_id = ?", device);
            return;
        }
        List<Long> open = jdbc.query(
                "select id from measurement_tasks where device_id = ? and state in ('QUEUED', 'LEASED') for update",
                (row, i) -> row.getLong(1),
                device);
        jdbc.update(
                "update measurement_tasks set state = 'FAILED', last_error = ?, lease_token = null,"
                        + " lease_expires_at = null, completed_at = ? where device_id = ? and state in ('QUEUED', 'LEASED')",
                RETIRED,
                Timestamp.from(clock.instant()),
                device);
        open.forEach(task -> events.publishEvent(new TaskFailed(device, task)));
    }
}

package dev.tenshot.service.search;

import dev.tenshot.service.device.DeviceRemoved;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A device deleted with its measurements takes its search rows along: the jobs it was the first target of (with
 * their progress, fronts and verifications) and its points and verifications in other devices' jobs. First of the
 * removal's listeners: these rows name its tasks and measurements. A retired device keeps them.
 */
@Component
class SearchDataOfRemovedDevices {

    private static final String JOBS_OF = "(select id from search_jobs where device_id = ?)";

    private final JdbcTemplate jdbc;

    SearchDataOfRemovedDevices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Order(1)
    void removeSearchRows(DeviceRemoved removed) {
        if (removed.keepMeasurements()) {
            return;
        }
        var device = removed.deviceId();
        jdbc.update("delete from search_verifications where device_id = ? or job_id in " + JOBS_OF, device, device);
        jdbc.update("delete from front_points where device_id = ? or job_id in " + JOBS_OF, device, device);
        jdbc.update("delete from search_progress where job_id in " + JOBS_OF, device);
        jdbc.update("delete from search_jobs where device_id = ?", device);
    }
}

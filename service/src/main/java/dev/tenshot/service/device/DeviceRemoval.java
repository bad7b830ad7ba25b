package dev.tenshot.service.device;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes a device's rows from every table that references it, children first. Plain SQL across features' tables:
 * the foreign keys (V2, V4, V6, V9) fix the order, and one place that knows it beats a listener per feature.
 */
@Component
class DeviceRemoval {

    private static final String UNFINISHED = "('QUEUED', 'RUNNING', 'VERIFYING')";

    private final JdbcClient jdbc;

    DeviceRemoval(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void requireNoUnfinishedSearch(UUID deviceId) {
        long unfinished = jdbc.sql("select count(*) from search_jobs j where j.state in " + UNFINISHED
                        + " and (j.device_id = :id or exists (select 1 from search_verifications v"
                        + " where v.job_id = j.id and v.device_id = :id))")
                .param("id", deviceId)
                .query(Long.class)
                .single();
        if (unfinished > 0) {
            throw new DeviceBusyException(deviceId);
        }
    }

    /**
     * Removes the device with its measurements, tasks, and the search jobs whose first target it was; jobs that
     * also searched for other devices lose only this device's front points and verifications.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void deleteWithMeasurements(UUID deviceId) {
        String jobsOfDevice = "(select id from search_jobs where device_id = :id)";
        update("delete from search_verifications where device_id = :id or job_id in " + jobsOfDevice, deviceId);
        update("delete from front_points where device_id = :id or job_id in " + jobsOfDevice, deviceId);
        update("delete from search_progress where job_id in " + jobsOfDevice, deviceId);
        update("delete from search_jobs where device_id = :id", deviceId);
        update("delete from measurement_tasks where device_id = :id", deviceId);
        update("delete from measurements where device_id = :id", deviceId);
        update("delete from devices where id = :id", deviceId);
    }

    private void update(String sql, UUID deviceId) {
        jdbc.sql(sql).param("id", deviceId).update();
    }
}

package dev.tenshot.service.task;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface MeasurementTaskRepository extends JpaRepository<MeasurementTask, Long> {

    /**
     * Locks up to {@code max} leasable tasks of a device, oldest first: queued ones and those whose lease expired.
     * {@code SKIP LOCKED} lets service replicas lease side by side without handing out a task twice.
     */
    @Query(
            value = "select id from measurement_tasks where device_id = :deviceId and (state = 'QUEUED'"
                    + " or (state = 'LEASED' and lease_expires_at <= :now)) order by id limit :max"
                    + " for update skip locked",
            nativeQuery = true)
    List<Long> lockLeasable(UUID deviceId, Instant now, int max);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<MeasurementTask> findByIdAndDeviceId(long id, UUID deviceId);

    List<MeasurementTask> findByDeviceIdAndIdIn(UUID deviceId, List<Long> ids);

    Page<MeasurementTask> findByDeviceId(UUID deviceId, Pageable pageable);

    Page<MeasurementTask> findByDeviceIdAndState(UUID deviceId, TaskState state, Pageable pageable);

    List<MeasurementTask> findByDeviceIdAndPurposeOrderByReferencePositionAsc(UUID deviceId, TaskPurpose purpose);

    long countByDeviceIdAndConfigHash(UUID deviceId, String configHash);

    long countByDeviceIdAndPurposeAndStateNot(UUID deviceId, TaskPurpose purpose, TaskState state);
}

package dev.tenshot.service.search;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface FrontPointRepository extends JpaRepository<FrontPoint, FrontPoint.Key> {

    List<FrontPoint> findByJobIdOrderByPointAscDeviceIdAsc(UUID jobId);

    /** Records a verification: the measured latency beside every front point of this config on this device. */
    @Modifying
    @Query("update FrontPoint f set f.measuredLatencyMs = :ms where f.deviceId = :deviceId and f.configHash = :hash")
    int recordMeasured(UUID deviceId, String hash, double ms);

    @Modifying
    @Query("delete from FrontPoint f where f.jobId = :jobId")
    void deleteByJob(UUID jobId);
}

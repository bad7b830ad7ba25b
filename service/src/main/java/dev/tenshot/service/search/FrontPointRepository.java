package dev.tenshot.service.search;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface FrontPointRepository extends JpaRepository<FrontPoint, FrontPoint.Key> {

    List<FrontPoint> findByJobIdOrderByPointAscDeviceIdAsc(UUID jobId);

    @Modifying
    @Query("delete from FrontPoint f where f.jobId = :jobId")
    void deleteByJob(UUID jobId);
}

package dev.tenshot.service.search;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ProgressPointRepository extends JpaRepository<ProgressPoint, ProgressPoint.Key> {

    @Modifying
    @Query("delete from ProgressPoint p where p.jobId = :jobId")
    void deleteByJob(UUID jobId);
}

package dev.tenshot.service.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface VerificationRepository extends JpaRepository<Verification, Long> {

    List<Verification> findByJobIdAndRoundOrderByTaskId(UUID jobId, int round);

    List<Verification> findByJobIdOrderByRoundAscTaskIdAsc(UUID jobId);

    /** The task was measured: this row alone is updated (0 rows for a task that verifies no search). */
    @Modifying
    @Query("update Verification v set v.measuredLatencyMs = :ms, v.endedAt = :at where v.taskId = :taskId")
    int recordMeasured(long taskId, double ms, Instant at);

    /** The latency the task's round predicted (empty for a task that verifies no search). */
    @Query("select v.latencyMs from Verification v where v.taskId = :taskId")
    java.util.Optional<Double> findPredictedMs(long taskId);

    /** The task was given up. */
    @Modifying
    @Query("update Verification v set v.endedAt = :at where v.taskId = :taskId and v.endedAt is null")
    int recordGivenUp(long taskId, Instant at);
}

package dev.tenshot.service.search;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface SearchJobRepository extends JpaRepository<SearchJob, UUID> {

    /**
     * The oldest job with work for a replica: queued; running under an expired lease (its replica died); or verifying
     * with every verification task of its round ended. The last is read from one row per task after the tasks'
     * transactions committed, so results landing at once cannot leave a job waiting.
     */
    @Query(
            value = "select cast(j.id as varchar(36)) from search_jobs j where j.state = 'QUEUED'"
                    + " or (j.state = 'RUNNING' and j.lease_expires_at < :now)"
                    + " or (j.state = 'VERIFYING' and not exists (select 1 from search_verifications v"
                    + " where v.job_id = j.id and v.round = j.round and v.ended_at is null))"
                    + " order by j.created_at limit 1 for update skip locked",
            nativeQuery = true)
    Optional<String> lockNext(Instant now); // the id as text: H2's driver answers a native uuid as bytes

    /**
     * The job, its row locked until the transaction ends: the runner's writes and a cancel take this lock, so neither
     * overwrites the other (a runner that saved its stale copy of the row once undid 10 of 12 cancels).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select j from SearchJob j where j.id = :id")
    Optional<SearchJob> lockById(UUID id);

    /** Extends the lease of a job this replica still runs; answers 0 when it no longer does. */
    @Modifying
    @Transactional
    @Query("update SearchJob j set j.leaseExpiresAt = :until where j.id = :id and j.leaseOwner = :owner"
            + " and j.state = dev.tenshot.service.search.SearchJobState.RUNNING")
    int renewLease(UUID id, String owner, Instant until);

    @Query("select j.state from SearchJob j where j.id = :id")
    Optional<SearchJobState> stateOf(UUID id);
}

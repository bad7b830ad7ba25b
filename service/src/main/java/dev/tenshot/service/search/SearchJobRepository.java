package dev.tenshot.service.search;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

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

    @Query("select j.state from SearchJob j where j.id = :id")
    Optional<SearchJobState> stateOf(UUID id);
}

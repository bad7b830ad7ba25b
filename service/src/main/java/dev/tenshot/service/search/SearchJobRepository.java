package dev.tenshot.service.search;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SearchJobRepository extends JpaRepository<SearchJob, UUID> {

    /** The oldest job nobody runs: queued, or running under an expired lease (its replica died). */
    @Query(
            value = "select cast(id as varchar(36)) from search_jobs where state = 'QUEUED' or (state = 'RUNNING'"
                    + " and lease_expires_at < :now) order by created_at limit 1 for update skip locked",
            nativeQuery = true)
    Optional<String> lockNext(Instant now); // the id as text: H2's driver answers a native uuid as bytes

    List<SearchJob> findByState(SearchJobState state);

    @Query("select j.state from SearchJob j where j.id = :id")
    Optional<SearchJobState> stateOf(UUID id);
}

package dev.tenshot.service.measurement;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface MeasurementRepository extends JpaRepository<Measurement, Long>, JpaSpecificationExecutor<Measurement> {

    @Query("select m.clientId from Measurement m where m.deviceId = :deviceId and m.clientId in :clientIds")
    List<String> findStoredClientIds(UUID deviceId, Collection<String> clientIds);

    /** Measurements of one device, narrowed by whichever filters are given. */
    static Specification<Measurement> matching(
            UUID deviceId, @Nullable String space, @Nullable String configHash, @Nullable Instant measuredSince) {
        return (root, query, cb) -> {
            var predicate = cb.equal(root.get("deviceId"), deviceId);
            if (space != null) {
                predicate = cb.and(predicate, cb.equal(root.get("space"), space));
            }
            if (configHash != null) {
                predicate = cb.and(predicate, cb.equal(root.get("configHash"), configHash));
            }
            if (measuredSince != null) {
                predicate = cb.and(predicate, cb.greaterThanOrEqualTo(root.get("measuredAt"), measuredSince));
            }
            return predicate;
        };
    }
}

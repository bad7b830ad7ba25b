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

    /**
     * Which of these client ids the device has stored. One array parameter rather than a thousand-entry {@code IN}
     * list: PostgreSQL then always probes the unique (device, client id) index, even with stale statistics (with
     * an {@code IN} list and an un-analyzed table it scanned all the device's rows: 1.7 s per batch at 100k rows).
     */
    @Query(
            value = "select client_id from measurements where device_id = :deviceId and client_id = any(:clientIds)",
            nativeQuery = true)
    List<String> findStoredClientIds(UUID deviceId, String[] clientIds);

    // Measurements flagged contended ran while other processes used the CPU (2-4x slower on a busy 2-core
    // machine): they are stored and listed, but what the predictor learns from leaves them out.
    String SELECT_MEASURED_CONFIG = "select new dev.tenshot.service.measurement.MeasuredConfig(m.id, m.config,"
            + " m.configHash, m.endToEndMs, m.textEncoderMs, m.denoiserCallsMs, m.vaeDecoderMs, m.superResolutionMs,"
            + " m.peakMemoryBytes)";

    String TRUSTED = " (m.contended is null or m.contended = false)";

    @Query(SELECT_MEASURED_CONFIG + " from Measurement m where m.deviceId = :deviceId and m.space = :space and"
            + TRUSTED + " order by m.id")
    List<MeasuredConfig> findTrustedMeasuredConfigs(UUID deviceId, String space);

    @Query(SELECT_MEASURED_CONFIG
            + " from Measurement m where m.deviceId = :deviceId and m.space = :space"
            + " and m.configHash in :configHashes order by m.id")
    List<MeasuredConfig> findMeasuredConfigsOf(UUID deviceId, String space, Collection<String> configHashes);

    long countByDeviceIdAndSpace(UUID deviceId, String space);

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

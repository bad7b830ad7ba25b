package dev.tenshot.service.device;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface DeviceRepository extends JpaRepository<Device, UUID> {

    java.util.List<Device> findBySpaceAndStatus(String space, DeviceStatus status);

    @Query("select d.id from Device d where d.agentTokenHash = :hash")
    Optional<UUID> findIdByAgentTokenHash(String hash);

    @Modifying
    @Query("update Device d set d.measurementCount = d.measurementCount + :count, d.lastSeenAt = :seenAt"
            + " where d.id = :id")
    int addMeasurements(UUID id, long count, Instant seenAt);

    @Modifying
    @Query("update Device d set d.lastSeenAt = :seenAt where d.id = :id")
    int touch(UUID id, Instant seenAt);

    @Modifying
    @Query("update Device d set d.status = :status where d.id = :id")
    int setStatus(UUID id, DeviceStatus status);
}

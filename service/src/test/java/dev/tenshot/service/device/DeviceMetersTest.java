package dev.tenshot.service.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.database.DatabaseErrors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class DeviceMetersTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DeviceMeters deviceMeters = new DeviceMeters(new JdbcTemplate(), meters, new DatabaseErrors(meters));
    private final UUID seen = UUID.randomUUID();
    private final UUID neverSeen = UUID.randomUUID();

    @Test
    void showsEachDeviceWithItsLabelsAndWhenItsAgentWasLastSeen() {
        Instant at = Instant.parse("2026-12-01T10:15:30.500Z");

        deviceMeters.update(List.of(
                new DeviceMeters.Seen(seen, "Pixel 9", "NPU", "READY", Timestamp.from(at)),
                new DeviceMeters.Seen(neverSeen, "Jetson", "GPU", "CALIBRATING", null)));

        assertThat(meters.get("tenshot.devices")
                        .tag("device", seen.toString())
                        .gauge()
                        .getId()
                        .getTags())
                .extracting(tag -> tag.getKey() + "=" + tag.getValue())
                .containsExactlyInAnyOrder("device=" + seen, "name=Pixel 9", "kind=npu", "status=ready");
        assertThat(meters.find("tenshot.devices").tag("status", "calibrating").gauges())
                .hasSize(1);
        assertThat(meters.get("tenshot.agent.last.seen")
                        .tag("device", seen.toString())
                        .gauge()
                        .value())
                .isEqualTo(at.toEpochMilli() / 1000.0);
        assertThat(meters.find("tenshot.agent.last.seen")
                        .tag("device", neverSeen.toString())
                        .gauges())
                .as("no agent yet: no time rather than 1970")
                .isEmpty();
    }

    @Test
    void dropsEveryMeterOfARemovedDeviceAndNoOther() {
        deviceMeters.update(List.of(
                new DeviceMeters.Seen(seen, "a", "CPU", "READY", Timestamp.from(Instant.now())),
                new DeviceMeters.Seen(neverSeen, "b", "CPU", "READY", Timestamp.from(Instant.now()))));
        Counter.builder("tenshot.measurements.stored")
                .tag(DeviceMeters.TAG, seen.toString())
                .register(meters);
        Counter.builder("tenshot.measurements.stored")
                .tag(DeviceMeters.TAG, neverSeen.toString())
                .register(meters);

        deviceMeters.forget(new DeviceRemoved(seen, true));

        assertThat(meters.getMeters())
                .map(Meter::getId)
                .noneMatch(id -> seen.toString().equals(id.getTag(DeviceMeters.TAG)))
                .anyMatch(id -> id.getName().equals("tenshot.measurements.stored")
                        && neverSeen.toString().equals(id.getTag(DeviceMeters.TAG)))
                .anyMatch(id -> id.getName().equals("tenshot.devices")
                        && neverSeen.toString().equals(id.getTag(DeviceMeters.TAG)));
    }
}

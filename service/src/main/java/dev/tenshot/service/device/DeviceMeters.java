package dev.tenshot.service.device;

import dev.tenshot.service.database.DatabaseErrors;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The fleet as gauges: every registered, non-retired device ({@code tenshot.devices}, value 1, with its name, kind and
 * status, for dashboards to count by status and to put names beside ids) and when its agent was last seen. Read
 * from the database every few seconds, so a scrape reads memory only and sees what every replica wrote.
 *
 * <p>Every per-device meter of every feature carries the tag {@link #TAG} with the device id. The tag is bounded by
 * the fleet: the meters of a removed device are dropped here, once its removal has committed.
 */
@Component
public class DeviceMeters {

    /** The tag that names the device (its id) on every per-device meter. */
    public static final String TAG = "device";

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final DatabaseErrors errors;
    private final MultiGauge devices;
    private final MultiGauge lastSeen;

    DeviceMeters(JdbcTemplate jdbc, MeterRegistry meters, DatabaseErrors errors) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.errors = errors;
        this.devices = MultiGauge.builder("tenshot.devices")
                .description("Registered devices that are not retired (1 each), with name, kind and status")
                .register(meters);
        this.lastSeen = MultiGauge.builder("tenshot.agent.last.seen")
                .description("When the device's agent last called the service")
                .baseUnit("seconds")
                .register(meters);
    }

    /** A device's row, as far as the gauges need it. */
    record Seen(
            UUID id,
            String name,
            String kind,
            String status,
            @Nullable Timestamp lastSeenAt) {}

    @Scheduled(fixedDelayString = "${tenshot.metrics.refresh:5s}")
    void refresh() {
        errors.refreshing(
                "device",
                () -> update(jdbc.query(
                        "select id, name, kind, status, last_seen_at from devices where status <> 'RETIRED'",
                        (row, i) -> new Seen(
                                row.getObject("id", UUID.class),
                                row.getString("name"),
                                row.getString("kind"),
                                row.getString("status"),
                                row.getTimestamp("last_seen_at")))));
    }

    void update(List<Seen> fleet) {
        devices.register(
                fleet.stream()
                        .map(d -> MultiGauge.Row.of(
                                Tags.of(TAG, d.id().toString())
                                        .and("name", d.name())
                                        .and("kind", lower(d.kind()))
                                        .and("status", lower(d.status())),
                                1))
                        .toList(),
                true);
        lastSeen.register(
                fleet.stream()
                        .filter(d -> d.lastSeenAt() != null)
                        .map(d -> MultiGauge.Row.of(
                                Tags.of(TAG, d.id().toString()),
                                Objects.requireNonNull(d.lastSeenAt()).getTime() / 1000.0))
                        .toList(),
                true);
    }

    /** After the removal commits: a removal that rolls back keeps its meters. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void forget(DeviceRemoved removed) {
        String id = removed.deviceId().toString();
        List<Meter> ofDevice = meters.getMeters().stream()
                .filter(meter -> id.equals(meter.getId().getTag(TAG)))
                .toList();
        ofDevice.forEach(meters::remove);
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}

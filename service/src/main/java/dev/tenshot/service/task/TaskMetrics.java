package dev.tenshot.service.task;

import dev.tenshot.service.database.DatabaseErrors;
import dev.tenshot.service.device.DeviceMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the task queue does, as meters: tasks by device and state (read from the database every few seconds, so that
 * a scrape never queries it and every replica reports the whole queue), and counters of lease and result outcomes.
 */
@Component
class TaskMetrics {

    enum LeaseOutcome {
        /** a task handed to an agent */
        GRANTED,
        /** a lease that ran out before its result, found when its task was leased again */
        EXPIRED,
        /** a lease a heartbeat could not extend: the agent learns it no longer holds the task */
        LOST
    }

    enum ResultOutcome {
        STORED,
        /** reported under a lease that had expired or been replaced: refused, nothing stored */
        STALE,
        /** reported again under the lease that delivered it: answered as before, nothing stored twice */
        DUPLICATE
    }

    private final JdbcTemplate jdbc;
    private final DatabaseErrors errors;
    private final MultiGauge tasks;
    private final Map<LeaseOutcome, Counter> leases = new LinkedHashMap<>();
    private final Map<ResultOutcome, Counter> results = new LinkedHashMap<>();

    TaskMetrics(JdbcTemplate jdbc, MeterRegistry meters, DatabaseErrors errors) {
        this.jdbc = jdbc;
        this.errors = errors;
        this.tasks = MultiGauge.builder("tenshot.tasks")
                .description("Measurement tasks by device and state")
                .register(meters);
        // every outcome registered at zero, so that rate() sees the first one as an increase
        for (LeaseOutcome outcome : LeaseOutcome.values()) {
            leases.put(
                    outcome,
                    Counter.builder("tenshot.task.leases")
                            .description("Task leases by outcome")
                            .tag("outcome", lower(outcome))
                            .register(meters));
        }
        for (ResultOutcome outcome : ResultOutcome.values()) {
            results.put(
                    outcome,
                    Counter.builder("tenshot.task.results")
                            .description("Task results reported by agents, by what became of them")
                            .tag("outcome", lower(outcome))
                            .register(meters));
        }
    }

    void leases(LeaseOutcome outcome, int count) {
        Objects.requireNonNull(leases.get(outcome)).increment(count);
    }

    void result(ResultOutcome outcome) {
        Objects.requireNonNull(results.get(outcome)).increment();
    }

    /** Tasks of one device in one state; a device without tasks comes with a null state and no tasks. */
    record Count(UUID deviceId, @Nullable TaskState state, long tasks) {}

    @Scheduled(fixedDelayString = "${tenshot.metrics.refresh:5s}")
    void refresh() {
        errors.refreshing(
                "task",
                () -> update(jdbc.query("""
                        select d.id, t.state, count(t.id) as tasks
                        from devices d left join measurement_tasks t on t.device_id = d.id
                        where d.status <> 'RETIRED'
                        group by d.id, t.state
                        """, (row, i) -> {
                    String state = row.getString("state");
                    return new Count(
                            row.getObject("id", UUID.class),
                            state == null ? null : TaskState.valueOf(state),
                            row.getLong("tasks"));
                })));
    }

    /**
     * Every device gets a row per state, zero included: a series that vanished when its last queued task went would
     * read as "no data" rather than an empty queue. Devices not counted any more (retired) lose their rows.
     */
    void update(List<Count> counts) {
        Map<UUID, Map<TaskState, Long>> byDevice = new LinkedHashMap<>();
        for (Count count : counts) {
            Map<TaskState, Long> states = byDevice.computeIfAbsent(count.deviceId(), d -> new LinkedHashMap<>());
            if (count.state() != null) {
                states.merge(count.state(), count.tasks(), Long::sum);
            }
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        byDevice.forEach((device, states) -> {
            for (TaskState state : TaskState.values()) {
                rows.add(MultiGauge.Row.of(
                        Tags.of(DeviceMeters.TAG, device.toString(), "state", lower(state)),
                        states.getOrDefault(state, 0L)));
            }
        });
        tasks.register(rows, true);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

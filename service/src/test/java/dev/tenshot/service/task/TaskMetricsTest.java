package dev.tenshot.service.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.database.DatabaseErrors;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

class TaskMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TaskMetrics metrics = new TaskMetrics(new JdbcTemplate(), meters, new DatabaseErrors(meters));
    private final UUID busy = UUID.randomUUID();
    private final UUID idle = UUID.randomUUID();

    @Test
    void givesEveryDeviceARowPerStateWithZerosWhereItHasNoTasks() {
        metrics.update(List.of(
                new TaskMetrics.Count(busy, TaskState.QUEUED, 3),
                new TaskMetrics.Count(busy, TaskState.DONE, 10),
                new TaskMetrics.Count(idle, null, 0)));

        assertThat(tasksOf(busy)).isEqualTo(Map.of("queued", 3.0, "leased", 0.0, "done", 10.0, "failed", 0.0));
        assertThat(tasksOf(idle)).isEqualTo(Map.of("queued", 0.0, "leased", 0.0, "done", 0.0, "failed", 0.0));
    }

    @Test
    void dropsTheRowsOfADeviceNoLongerCountedAndFollowsTheNewCounts() {
        metrics.update(List.of(new TaskMetrics.Count(busy, TaskState.QUEUED, 3), new TaskMetrics.Count(idle, null, 0)));

        metrics.update(List.of(new TaskMetrics.Count(busy, TaskState.LEASED, 2)));

        assertThat(tasksOf(busy)).containsEntry("queued", 0.0).containsEntry("leased", 2.0);
        assertThat(tasksOf(idle)).isEmpty();
    }

    @Test
    void registersEveryLeaseAndResultOutcomeAtZeroAndCountsEach() {
        metrics.leases(TaskMetrics.LeaseOutcome.GRANTED, 5);
        metrics.leases(TaskMetrics.LeaseOutcome.EXPIRED, 1);
        metrics.result(TaskMetrics.ResultOutcome.STALE);

        assertThat(counts("tenshot.task.leases")).isEqualTo(Map.of("granted", 5.0, "expired", 1.0, "lost", 0.0));
        assertThat(counts("tenshot.task.results")).isEqualTo(Map.of("stored", 0.0, "stale", 1.0, "duplicate", 0.0));
    }

    @Test
    void keepsTheLastCountsAndCountsTheErrorWhenTheDatabaseIsAway() {
        metrics.update(List.of(new TaskMetrics.Count(busy, TaskState.QUEUED, 3)));
        var errors = new DatabaseErrors(meters);

        errors.refreshing("task", () -> {
            throw new DataAccessResourceFailureException("connection refused");
        });

        assertThat(tasksOf(busy)).containsEntry("queued", 3.0);
        assertThat(meters.get("tenshot.database.errors")
                        .tag("source", "metrics")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    private Map<String, Double> tasksOf(UUID device) {
        return meters.find("tenshot.tasks").tag("device", device.toString()).gauges().stream()
                .collect(Collectors.toMap(gauge -> gauge.getId().getTag("state"), Gauge::value));
    }

    private Map<String, Double> counts(String name) {
        return meters.find(name).counters().stream()
                .collect(Collectors.toMap(counter -> counter.getId().getTag("outcome"), c -> c.count()));
    }
}

package dev.tenshot.service.search;

import dev.tenshot.service.database.DatabaseErrors;
import dev.tenshot.service.device.DeviceMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Search jobs as meters: jobs by state (read from the database every few seconds, so every replica reports all jobs),
 * how long finished jobs took from submission, round attempts (a rerun is a round taken over after its replica's
 * lease ran out), and each verification's prediction error per device.
 */
@Component
class SearchMetrics {

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final DatabaseErrors errors;
    private final MultiGauge jobs;
    private final Counter firstAttempts;
    private final Counter reruns;

    SearchMetrics(JdbcTemplate jdbc, MeterRegistry meters, DatabaseErrors errors) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.errors = errors;
        this.jobs = MultiGauge.builder("tenshot.search.jobs")
                .description("Search jobs by state")
                .register(meters);
        // registered at zero, so that rate() sees the first event as an increase
        this.firstAttempts = attempts("first");
        this.reruns = attempts("rerun");
        Arrays.stream(SearchJobState.values()).filter(SearchJobState::isFinal).forEach(this::duration);
    }

    /** A round's search starts: its first attempt, or a rerun after the lease of the replica running it ran out. */
    void attempt(boolean rerun) {
        (rerun ? reruns : firstAttempts).increment();
    }

    /** Once the transaction that ended the job commits: one that rolls back did not end it. */
    void ended(SearchJob job) {
        Duration took = Duration.between(job.createdAt(), Objects.requireNonNull(job.finishedAt()));
        Timer timer = duration(job.state());
        afterCommit(() -> timer.record(took));
    }

    /**
     * Registers the device's error summary when verifications are queued, before the first lands: a series born with
     * its first value shows no increase, and rate() would see none.
     */
    void expectVerifications(UUID deviceId) {
        verificationError(deviceId);
    }

    /** A verification measured: |measured / predicted - 1| on the device, once the measurement commits. */
    void verified(UUID deviceId, double predictedMs, double measuredMs) {
        DistributionSummary error = verificationError(deviceId);
        afterCommit(() -> error.record(Math.abs(measuredMs / predictedMs - 1)));
    }

    @Scheduled(fixedDelayString = "${tenshot.metrics.refresh:5s}")
    void refresh() {
        errors.refreshing(
                "search",
                () -> update(jdbc.query(
                        "select state, count(*) as jobs from search_jobs group by state",
                        (row, i) -> Map.entry(SearchJobState.valueOf(row.getString("state")), row.getLong("jobs")))));
    }

    /** A row per state, zero included, so that an empty state reads 0 rather than no data. */
    void update(List<Map.Entry<SearchJobState, Long>> counts) {
        Map<SearchJobState, Long> byState = new EnumMap<>(SearchJobState.class);
        counts.forEach(count -> byState.merge(count.getKey(), count.getValue(), Long::sum));
        jobs.register(
                Arrays.stream(SearchJobState.values())
                        .map(state ->
                                MultiGauge.Row.of(Tags.of("state", lower(state)), byState.getOrDefault(state, 0L)))
                        .toList(),
                true);
    }

    private Counter attempts(String kind) {
        return Counter.builder("tenshot.search.job.attempts")
                .description("Round searches started: first attempts and reruns after a lost lease")
                .tag("kind", kind)
                .register(meters);
    }

    private Timer duration(SearchJobState outcome) {
        return Timer.builder("tenshot.search.job.duration")
                .description("Time from a search job's submission to its end, by how it ended")
                .tag("outcome", lower(outcome))
                .register(meters);
    }

    private DistributionSummary verificationError(UUID deviceId) {
        return DistributionSummary.builder("tenshot.verification.error")
                .description("|measured / predicted - 1| of each verified config, per device")
                .tag(DeviceMeters.TAG, deviceId.toString())
                .serviceLevelObjectives(0.05, 0.1, 0.2, 0.5)
                .register(meters);
    }

    private static void afterCommit(Runnable record) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            record.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                record.run();
            }
        });
    }

    private static String lower(SearchJobState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}

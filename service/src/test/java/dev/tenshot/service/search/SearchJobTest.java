package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class SearchJobTest {

    private static final Instant START = Instant.parse("2026-12-05T08:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Test
    void aRunningJobPastItsLeaseSaysSo() {
        SearchJob job = newJob();
        job.start("replica-a", START, START.plus(LEASE));

        SearchJobResponse within = job.toResponse(START.plus(LEASE).minusSeconds(1));
        SearchJobResponse past = job.toResponse(START.plus(LEASE).plusSeconds(1));

        assertThat(within.leaseExpired()).isFalse();
        assertThat(within.leaseExpiresAt()).isEqualTo(START.plus(LEASE));
        assertThat(past.state()).isEqualTo(SearchJobState.RUNNING);
        assertThat(past.leaseExpired()).isTrue();
    }

    @Test
    void onlyItsLeaseOwnerRunsAJobAndACancelEndsEveryOwnersRun() {
        SearchJob job = newJob();
        job.start("replica-a", START, START.plus(LEASE));

        assertThat(job.runBy("replica-a")).isTrue();
        assertThat(job.runBy("replica-b")).isFalse();

        job.cancel(START.plusSeconds(1));

        assertThat(job.runBy("replica-a")).isFalse();
        assertThat(job.toResponse(START.plus(LEASE).plusSeconds(1)).leaseExpired())
                .as("a cancelled job is not running, whatever its old lease")
                .isFalse();
    }

    private static SearchJob newJob() {
        return new SearchJob(
                UUID.randomUUID(),
                "mmdit-pruning",
                JsonNodeFactory.instance.objectNode(),
                7,
                40,
                20,
                new SearchJobRequest.RoundSettings(0, 0.95, 0.1, 1, Double.POSITIVE_INFINITY),
                START);
    }
}

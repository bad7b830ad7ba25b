package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.ServiceIT;
import dev.tenshot.service.SimDevices;
import dev.tenshot.service.database.DatabaseErrors;
import dev.tenshot.service.device.DeviceService;
import dev.tenshot.service.predictor.DevicePredictors;
import dev.tenshot.service.quality.QualityModels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Search jobs under races: cancels while the runner writes, and a second replica polling while the first runs a
 * round whose fit (3 s here) outlasts the lease (1 s, renewed every 250 ms: a stall of 750 ms is tolerated).
 */
@ServiceIT
@TestPropertySource(properties = "tenshot.search.lease=1s")
class JobLeaseIT {

    private static final Duration SLOW_FIT = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    @Autowired
    SearchJobRepository jobs;

    @Autowired
    RoundFronts roundFronts;

    @Autowired
    ProgressPointRepository progress;

    @MockitoSpyBean
    DevicePredictors predictors;

    @Autowired
    QualityModels qualityModels;

    @Autowired
    DeviceService devices;

    @Autowired
    SearchProperties properties;

    @Autowired
    SearchMetrics metrics;

    @Autowired
    DatabaseErrors databaseErrors;

    @Autowired
    TransactionTemplate transaction;

    HttpApi api;
    UUID device;

    @BeforeEach
    void onboardDeviceWithSlowFits() throws InterruptedException {
        api = new HttpApi(port);
        device = SimDevices.onboard(port, "jetson-agx-orin-64gb");
        // A round's fit that outlasts the lease by far, as a large fit on a busy machine does.
        doAnswer(fit -> {
                    Thread.sleep(SLOW_FIT.toMillis());
                    return fit.callRealMethod();
                })
                .when(predictors)
                .freshFitFor(any());
    }

    @Test
    void everyCancelOfARunningJobSticks() throws Exception {
        var cancelled = new ArrayList<String>();
        for (int i = 0; i < 12; i++) {
            String id = submit(2000);
            awaitGeneration(id);
            Reply reply = api.delete("/api/v1/search-jobs/" + id, HttpApi.ADMIN_TOKEN);
            assertThat(reply.status()).as("cancel of running job %s", id).isEqualTo(200);
            assertThat(reply.body().path("state").asString()).isEqualTo("cancelled");
            cancelled.add(id);
        }
        Thread.sleep(1500); // longer than a lease: a runner that missed a cancel would have written by now

        assertThat(cancelled)
                .as("jobs cancelled while running, read again later")
                .allSatisfy(id -> assertThat(state(id)).isEqualTo("cancelled"));
    }

    @Test
    void cancelOfAFinishedJobSaysSoAndChangesNothing() throws Exception {
        String id = submit(3);
        JsonNode done = awaitState(id, "done");

        Reply finished = api.delete("/api/v1/search-jobs/" + id, HttpApi.ADMIN_TOKEN);

        assertThat(done.path("state").asString()).isEqualTo("done");
        assertThat(finished.status()).isEqualTo(409);
        assertThat(finished.isProblem()).isTrue();
        assertThat(finished.problemType()).isEqualTo("urn:tenshot:problem:job-finished");
        assertThat(state(id)).isEqualTo("done");
    }

    @Test
    void aJobRunsOnceWhileASecondReplicaPollsThroughPhasesLongerThanTheLease() throws Exception {
        var second = new SearchRunner(
                jobs,
                progress,
                predictors,
                roundFronts,
                qualityModels,
                devices,
                properties,
                metrics,
                databaseErrors,
                transaction,
                Clock.systemUTC());
        var stop = new AtomicBoolean();
        Thread replica = Thread.ofVirtual().start(() -> {
            while (!stop.get()) {
                second.runNext();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(submit(150));
            }
            for (String id : ids) {
                JsonNode done = awaitState(id, "done");
                assertThat(done.path("attempts").asInt())
                        .as("runs of job %s", id)
                        .isEqualTo(1);
                assertThat(done.path("rerunFromSeed").asBoolean()).isFalse();
                assertThat(done.path("progress").path("generation").asInt()).isEqualTo(150);
            }
        } finally {
            stop.set(true);
            replica.join(Duration.ofSeconds(30));
            second.stopRenewing();
        }
    }

    private String submit(int generations) {
        Reply reply = api.post("/api/v1/search-jobs", HttpApi.ADMIN_TOKEN, """
                {"devices": ["%s"], "objectives": ["latency", "quality"],
                 "budget": {"population": 40, "generations": %d}, "seed": 11}
                """.formatted(device, generations));
        assertThat(reply.status()).as("submit: %s", reply.body()).isEqualTo(202);
        return reply.body().path("id").asString();
    }

    private String state(String id) {
        return api.get("/api/v1/search-jobs/" + id, HttpApi.ADMIN_TOKEN)
                .body()
                .path("state")
                .asString();
    }

    private void awaitGeneration(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode job =
                    api.get("/api/v1/search-jobs/" + id, HttpApi.ADMIN_TOKEN).body();
            if (job.path("state").asString().equals("running")
                    && job.path("progress").path("generation").asInt() > 0) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + id + " never reported a generation");
    }

    private JsonNode awaitState(String id, String state) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            JsonNode job =
                    api.get("/api/v1/search-jobs/" + id, HttpApi.ADMIN_TOKEN).body();
            if (state.equals(job.path("state").asString())) {
                return job;
            }
            assertThat(job.path("state").asString()).as("job %s", id).isNotIn("failed", "cancelled");
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not reach " + state + " in time");
    }
}

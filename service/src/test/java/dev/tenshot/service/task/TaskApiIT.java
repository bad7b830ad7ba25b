package dev.tenshot.service.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.ServiceIT;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ServiceIT
class TaskApiIT {

    @LocalServerPort
    int port;

    HttpApi api;
    String deviceId;
    String agentToken;

    @BeforeEach
    void registerDevice() {
        api = new HttpApi(port);
        JsonNode device = api.registerDevice("tasks-" + UUID.randomUUID());
        deviceId = device.path("id").asString();
        agentToken = device.path("agentToken").asString();
    }

    @Test
    void queuesTheReferenceSetAtRegistration() {
        Reply tasks = api.get(tasksPath() + "?state=queued");

        assertThat(tasks.body().path("totalItems").asInt()).isEqualTo(10);
        assertThat(tasks.body()
                        .path("items")
                        .valueStream()
                        .map(t -> t.path("purpose").asString()))
                .containsOnly("reference");
        assertThat(tasks.body()
                        .path("items")
                        .valueStream()
                        .map(t -> t.path("referencePosition").asInt()))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(device().path("status").asString()).isEqualTo("calibrating");
    }

    @Test
    void becomesReadyWhenTheTenthReferenceMeasurementLands() {
        List<JsonNode> leased = lease(10, 60);

        for (JsonNode task : leased.subList(0, 9)) {
            assertThat(report(task, task.path("leaseToken").asString()).status())
                    .isEqualTo(200);
        }
        String statusBeforeLast = device().path("status").asString();
        Reply last = report(leased.get(9), leased.get(9).path("leaseToken").asString());

        assertThat(leased).hasSize(10);
        assertThat(statusBeforeLast).isEqualTo("calibrating");
        assertThat(last.body().path("deviceStatus").asString()).isEqualTo("ready");
        assertThat(device().path("status").asString()).isEqualTo("ready");
        assertThat(device().path("measurementCount").asInt()).isEqualTo(10);
        JsonNode stored =
                api.get(measurementsPath() + "?size=1").body().path("items").get(0);
        assertThat(stored.path("clientId").asString()).startsWith("task-");
        assertThat(stored.path("runnerSettings").path("runner").asString()).isEqualTo("test");
        assertThat(stored.path("simulated").asBoolean()).isFalse();
    }

    @Test
    void answersARepeatedReportUnderTheSameLeaseWithoutStoringTwice() {
        JsonNode task = lease(1, 60).getFirst();
        String token = task.path("leaseToken").asString();

        Reply first = report(task, token);
        Reply again = report(task, token);

        assertThat(first.body().path("alreadyRecorded").asBoolean()).isFalse();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("alreadyRecorded").asBoolean()).isTrue();
        assertThat(again.body().path("measurementId").asLong())
                .isEqualTo(first.body().path("measurementId").asLong());
        assertThat(device().path("measurementCount").asInt()).isEqualTo(1);
    }

    @Test
    void refusesAResultForAnExpiredLeaseAndLeasesTheTaskAgain() throws InterruptedException {
        JsonNode first = lease(1, 1).getFirst();

        Thread.sleep(1_500);
        JsonNode again = lease(1, 60).getFirst();
        Reply stale = report(first, first.path("leaseToken").asString());
        Reply current = report(again, again.path("leaseToken").asString());

        assertThat(again.path("taskId").asLong()).isEqualTo(first.path("taskId").asLong());
        assertThat(again.path("leaseToken").asString())
                .isNotEqualTo(first.path("leaseToken").asString());
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.problemType()).isEqualTo("urn:tenshot:problem:lease-lost");
        assertThat(current.status()).isEqualTo(200);
        assertThat(device().path("measurementCount").asInt()).isEqualTo(1);
    }

    @Test
    void refusesAResultAfterTheLeaseExpiredEvenIfNobodyElseTookIt() throws InterruptedException {
        JsonNode task = lease(1, 1).getFirst();

        Thread.sleep(1_500);
        Reply late = report(task, task.path("leaseToken").asString());

        assertThat(late.status()).isEqualTo(409);
        assertThat(device().path("measurementCount").asInt()).isZero();
    }

    @Test
    void keepsALeaseAliveWithHeartbeats() throws InterruptedException {
        JsonNode task = lease(1, 1).getFirst();
        String held = "{\"taskId\": %d, \"leaseToken\": \"%s\"}"
                .formatted(task.path("taskId").asLong(), task.path("leaseToken").asString());

        Reply beat = api.post(
                tasksPath() + "/heartbeat", agentToken, "{\"leases\": [" + held + "]," + " \"leaseSeconds\": 60}");
        Thread.sleep(1_500);
        List<JsonNode> others = lease(10, 60);

        assertThat(beat.body().path("extended").get(0).asLong())
                .isEqualTo(task.path("taskId").asLong());
        assertThat(beat.body().path("lost")).isEmpty();
        assertThat(others)
                .extracting(t -> t.path("taskId").asLong())
                .doesNotContain(task.path("taskId").asLong());
        assertThat(report(task, task.path("leaseToken").asString()).status()).isEqualTo(200);
    }

    @Test
    void requeuesAFailedTaskUntilItsAttemptsAreUsedUp() {
        long taskId = 0;
        Reply failure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            JsonNode task = lease(1, 60).getFirst();
            taskId = task.path("taskId").asLong();
            failure = api.post(tasksPath() + "/" + taskId + "/failure", agentToken, """
                    {"leaseToken": "%s", "reason": "qnn-net-run exited with 1: out of memory"}
                    """.formatted(
                            task.path("leaseToken").asString()));
            assertThat(failure.status()).isEqualTo(200);
            assertThat(failure.body().path("state").asString())
                    .as("state after attempt %d", attempt)
                    .isEqualTo(attempt < 3 ? "queued" : "failed");
        }

        assertThat(failure.body().path("lastError").asString()).contains("out of memory");
        assertThat(lease(10, 60)).extracting(t -> t.path("taskId").asLong()).doesNotContain(taskId);
    }

    @Test
    void takesBackUnstartedTasksWithoutCountingAnAttempt() {
        List<JsonNode> leased = lease(3, 60);
        String held = leased.stream()
                .map(t -> "{\"taskId\": %d, \"leaseToken\": \"%s\"}"
                        .formatted(
                                t.path("taskId").asLong(), t.path("leaseToken").asString()))
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();

        Reply released = api.post(tasksPath() + "/release", agentToken, "{\"leases\": [" + held + "]}");
        Reply queued = api.get(tasksPath() + "?state=queued");

        assertThat(released.body().path("released")).hasSize(3);
        assertThat(queued.body().path("totalItems").asInt()).isEqualTo(10);
        assertThat(queued.body()
                        .path("items")
                        .valueStream()
                        .map(t -> t.path("attempts").asInt()))
                .containsOnly(0);
    }

    @Test
    void neverHandsOutATaskTwiceToConcurrentLeases() throws Exception {
        List<Callable<List<JsonNode>>> leases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leases.add(() -> lease(3, 60));
        }

        var taskIds = new ArrayList<Long>();
        try (var executor = Executors.newFixedThreadPool(5)) {
            for (Future<List<JsonNode>> leased : executor.invokeAll(leases)) {
                leased.get().forEach(t -> taskIds.add(t.path("taskId").asLong()));
            }
        }

        assertThat(taskIds).hasSize(10).doesNotHaveDuplicates();
        assertThat(new HashSet<>(taskIds)).hasSize(10);
    }

    @Test
    void queuesRequestedConfigsCheckedByTheirSpace() {
        String fullModel = "{\"keep\": [" + "1,".repeat(23) + "1], \"mlpWidth\": [" + "1,".repeat(23) + "1]}";
        String lastDropped = "{\"keep\": [" + "1,".repeat(23) + "0], \"mlpWidth\": [" + "1,".repeat(23) + "1]}";

        Reply rejected =
                api.post(tasksPath(), HttpApi.ADMIN_TOKEN, "{\"configs\": [" + fullModel + "," + lastDropped + "]}");
        Reply byAgent = api.post(tasksPath(), agentToken, "{\"configs\": [" + fullModel + "]}");
        Reply queued = api.post(tasksPath(), HttpApi.ADMIN_TOKEN, "{\"configs\": [" + fullModel + "]}");

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.problemType()).isEqualTo("urn:tenshot:problem:invalid-config");
        assertThat(byAgent.status()).isEqualTo(403);
        assertThat(queued.status()).isEqualTo(201);
        assertThat(queued.body().path("taskIds")).hasSize(1);
        assertThat(api.get(tasksPath() + "?state=queued")
                        .body()
                        .path("totalItems")
                        .asInt())
                .isEqualTo(11);
    }

    @Test
    void letsOnlyTheDevicesAgentLeaseItsTasks() {
        String otherAgent = api.registerDevice("other").path("agentToken").asString();

        Reply other = api.post(tasksPath() + "/leases", otherAgent, "{\"max\": 1}");
        Reply anonymous = api.post(tasksPath() + "/leases", null, "{\"max\": 1}");

        assertThat(other.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void findsTheDeviceOfAnAgentToken() {
        Reply me = api.get("/api/v1/devices/me", agentToken);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("id").asString()).isEqualTo(deviceId);
    }

    private List<JsonNode> lease(int max, int leaseSeconds) {
        Reply reply = api.post(
                tasksPath() + "/leases",
                agentToken,
                "{\"max\": %d, \"leaseSeconds\": %d}".formatted(max, leaseSeconds));
        assertThat(reply.status()).as("lease: %s", reply.body()).isEqualTo(200);
        return reply.body().path("tasks").valueStream().toList();
    }

    private Reply report(JsonNode task, String leaseToken) {
        return api.post(tasksPath() + "/" + task.path("taskId").asLong() + "/result", agentToken, """
                {"leaseToken": "%s", "measurement": {"clientId": "ignored", "space": "%s", "config": %s,
                  "latency": {"endToEndMs": 123.4}, "warmupCount": 1, "repeatCount": 3, "statistic": "median",
                  "measuredAt": "2026-11-24T10:00:00Z", "runnerSettings": {"runner": "test"}}}
                """.formatted(
                        leaseToken, task.path("space").asString(), task.path("config")));
    }

    private JsonNode device() {
        return api.get("/api/v1/devices/" + deviceId).body();
    }

    private String tasksPath() {
        return "/api/v1/devices/" + deviceId + "/tasks";
    }

    private String measurementsPath() {
        return "/api/v1/devices/" + deviceId + "/measurements";
    }
}

package dev.tenshot.service.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.ServiceIT;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two agents on one device, each heartbeating its leases while it reports results: heartbeats and results take the
 * device's row and the tasks' rows in one order, so none of them deadlocks (12 deadlocks in 40 s, each a 500, when
 * results took the task first).
 */
@ServiceIT
class TwoAgentsOneDeviceIT {

    private static final int TASKS_PER_AGENT = 40;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void heartbeatsAndResultsOfTwoAgentsNeverFail() throws Exception {
        var api = new HttpApi(port);
        JsonNode device = api.registerDevice("two-agents-" + java.util.UUID.randomUUID());
        String deviceId = device.path("id").asString();
        String token = device.path("agentToken").asString();
        String tasks = "/api/v1/devices/" + deviceId + "/tasks";
        Reply queued = api.post(tasks, HttpApi.ADMIN_TOKEN, "{\"configs\": [" + configs(2 * TASKS_PER_AGENT) + "]}");
        assertThat(queued.status()).as("queue: %s", queued.body()).isEqualTo(201);
        List<List<JsonNode>> leased = new ArrayList<>();
        for (int agent = 0; agent < 2; agent++) {
            // each agent first takes what is left of the reference set, then its share of the queued configs
            Reply reply = api.post(
                    tasks + "/leases",
                    token,
                    "{\"max\": %d, \"leaseSeconds\": 120}"
                            .formatted(agent == 0 ? TASKS_PER_AGENT + 10 : TASKS_PER_AGENT));
            leased.add(reply.body().path("tasks").valueStream().toList());
        }
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        var reporting = new AtomicBoolean(true);

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var work = new ArrayList<Future<?>>();
            for (List<JsonNode> held : leased) {
                work.add(threads.submit(() -> {
                    var shuffled = new ArrayList<>(held);
                    while (reporting.get()) {
                        Collections.shuffle(shuffled);
                        record(api.post(tasks + "/heartbeat", token, heartbeat(shuffled)), statuses, failures);
                    }
                }));
            }
            var reporters = new ArrayList<Future<?>>();
            for (List<JsonNode> held : leased) {
                reporters.add(threads.submit(() -> {
                    for (JsonNode task : held) {
                        record(report(api, tasks, token, task), statuses, failures);
                    }
                }));
            }
            for (Future<?> reporter : reporters) {
                reporter.get();
            }
            reporting.set(false);
            for (Future<?> heartbeat : work) {
                heartbeat.get();
            }
        }

        int reported = leased.stream().mapToInt(List::size).sum();
        assertThat(failures).as("5xx answers (deadlocks)").isEmpty();
        assertThat(statuses.keySet()).containsOnly(200);
        assertThat(jdbc.queryForObject(
                        "select count(*) from measurements where device_id = ?::uuid", Long.class, deviceId))
                .isEqualTo(reported);
        assertThat(jdbc.queryForObject(
                        "select count(*) from measurement_tasks where device_id = ?::uuid and state = 'DONE'",
                        Long.class,
                        deviceId))
                .isEqualTo(reported);
    }

    private static void record(Reply reply, Map<Integer, Integer> statuses, List<String> failures) {
        statuses.merge(reply.status(), 1, Integer::sum);
        if (reply.status() >= 500) {
            failures.add(reply.status() + " " + reply.body());
        }
    }

    private static Reply report(HttpApi api, String tasks, String token, JsonNode task) {
        return api.post(tasks + "/" + task.path("taskId").asLong() + "/result", token, """
                {"leaseToken": "%s", "measurement": {"clientId": "ignored", "space": "%s", "config": %s,
                  "latency": {"endToEndMs": 123.4}, "warmupCount": 1, "repeatCount": 3, "statistic": "median",
                  "measuredAt": "2026-11-24T10:00:00Z"}}
                """.formatted(
                        task.path("leaseToken").asString(), task.path("space").asString(), task.path("config")));
    }

    private static String heartbeat(List<JsonNode> held) {
        return held.stream()
                .map(task -> "{\"taskId\": %d, \"leaseToken\": \"%s\"}"
                        .formatted(
                                task.path("taskId").asLong(),
                                task.path("leaseToken").asString()))
                .collect(Collectors.joining(",", "{\"leases\": [", "], \"leaseSeconds\": 120}"));
    }

    /** Distinct MMDiT configs: random blocks dropped, random MLPs halved. */
    private static String configs(int count) {
        var random = new SplittableRandom(5);
        var configs = new ArrayList<String>();
        while (configs.size() < count) {
            var keep = new ArrayList<String>();
            var widths = new ArrayList<String>();
            for (int block = 0; block < 24; block++) {
                keep.add(block < 4 || block == 23 || random.nextInt(4) > 0 ? "1" : "0");
                widths.add(random.nextBoolean() ? "1" : "0.5");
            }
            String config =
                    "{\"keep\": [" + String.join(",", keep) + "], \"mlpWidth\": [" + String.join(",", widths) + "]}";
            if (!configs.contains(config)) {
                configs.add(config);
            }
        }
        return String.join(",", configs);
    }
}

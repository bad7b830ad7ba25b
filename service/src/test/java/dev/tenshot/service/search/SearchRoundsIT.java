package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.ServiceIT;
import dev.tenshot.service.SimDevices;
import dev.tenshot.service.task.TaskCompleted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Search jobs that verify their fronts on devices, over real HTTP with real agents, round after round. */
@ServiceIT
class SearchRoundsIT {

    private static final String SIM = "snapdragon-8-elite-npu";

    /** A measurement this much over the budget: a few such points refit the predictor without ruining it. */
    private static final double OVER = 1.15;

    /**
     * A measurement this far under the budget, faster than any config is predicted: the config (the round-1 one nearest
     * the budget, of the highest quality) then dominates the next round's front, if the round counts it at its
     * measurement.
     */
    private static final double UNDER = 0.05;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ApplicationEventPublisher events;

    HttpApi api;
    UUID device;
    double budgetMs;

    @BeforeEach
    void onboardDevice() throws InterruptedException {
        api = new HttpApi(port);
        device = SimDevices.onboard(port, SIM);
        budgetMs = 0.6 * meanReferenceMs(device);
    }

    @Test
    void runsRoundsOfSearchMeasurementAndRefitUntilDone() throws Exception {
        String id = submit("""
                {"devices": ["%s"], "objectives": ["latency", "quality"], "constraints": {"latencyBudgetMs": %s},
                 "budget": {"population": 30, "generations": 8}, "seed": 5, "verifyTopK": 4,
                 "verifyTolerance": 0.001, "maxRounds": 2}
                """.formatted(device, budgetMs));

        JsonNode done = verifyUntilDone(id, device);
        JsonNode verified =
                api.get("/api/v1/search-jobs/" + id + "/verifications").body();
        JsonNode front = api.get("/api/v1/search-jobs/" + id + "/front").body();

        assertThat(done.path("state").asString()).isEqualTo("done");
        assertThat(done.path("round").asInt()).isEqualTo(2);
        assertThat(done.path("progress").path("round").asInt()).isEqualTo(2);
        assertThat(done.path("verdict").asString())
                .as("a 0.1%% tolerance is never met: the job stops at its round limit")
                .isEqualTo("round-limit");
        List<JsonNode> items = verified.path("verifications").valueStream().toList();
        assertThat(items).extracting(v -> v.path("round").asInt()).containsOnly(1, 2);
        assertThat(items).hasSizeBetween(2, 8).allSatisfy(v -> {
            assertThat(v.path("state").asString()).isEqualTo("measured");
            assertThat(v.path("relativeError").asDouble())
                    .isEqualTo(Math.abs(v.path("measuredLatencyMs").asDouble()
                                    / v.path("latencyMs").asDouble()
                            - 1));
            assertThat(v.path("meetsBudget").asBoolean())
                    .isEqualTo(v.path("measuredLatencyMs").asDouble() <= budgetMs);
        });
        assertThat(hashes(items, 2))
                .as("round 2 measures configs round 1 did not")
                .isNotEmpty()
                .doesNotContainAnyElementsOf(hashes(items, 1));
        assertThat(front.path("round").asInt()).isEqualTo(2);
        assertThat(front.path("latencyBudgetMs").asDouble()).isEqualTo(budgetMs);
        assertThat(front.path("points"))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.path("round").asInt()).isEqualTo(2));
        List<JsonNode> measured = front.path("points")
                .valueStream()
                .filter(p -> !p.path("measuredLatencyMs").isNull())
                .toList();
        assertThat(measured)
                .as("the final front's verified points")
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.path("meetsBudget").asBoolean())
                        .isEqualTo(p.path("measuredLatencyMs").asDouble() <= budgetMs));
        assertThat(measured.stream().filter(p -> p.path("feasible").asBoolean()))
                .as("what the finished job reports feasible and has measured meets the budget")
                .allSatisfy(p -> assertThat(p.path("meetsBudget").asBoolean()).isTrue());
        assertThat(jdbc.queryForMap("select round, max_rounds, verdict from search_jobs where id = ?::uuid", id))
                .containsEntry("round", 2)
                .containsEntry("max_rounds", 2)
                .containsEntry("verdict", "ROUND_LIMIT");
    }

    @Test
    void aConfigMeasuredOverTheBudgetComesBackInfeasible() throws Exception {
        String oneRound = submit(reportedJob(1));
        List<String> brokenInOne = report(oneRound, OVER, OVER);
        JsonNode oneDone = awaitState(oneRound, "done");
        JsonNode oneFront =
                api.get("/api/v1/search-jobs/" + oneRound + "/front").body();

        assertThat(oneFront.path("points").valueStream())
                .as("no config of the front is measured within the budget")
                .noneSatisfy(p -> assertThat(p.path("meetsBudget").asBoolean()).isTrue());
        assertThat(oneDone.path("verdict").asString()).isEqualTo("budget-unmet");
        assertThat(oneFront.path("points").valueStream().filter(p -> brokenInOne.contains(hash(p))))
                .as("the final front marks its configs measured over the budget")
                .hasSameSizeAs(brokenInOne)
                .allSatisfy(p -> {
                    assertThat(p.path("feasible").asBoolean()).isFalse();
                    assertThat(p.path("meetsBudget").asBoolean()).isFalse();
                    assertThat(p.path("violation").asDouble()).isCloseTo(OVER - 1, within(1e-9));
                });
    }

    @Test
    void aConfigMeasuredOverThePeakMemoryBudgetComesBackInfeasible() throws Exception {
        double peakBudget = halfwayPeakBudget();
        String id = submit("""
                {"devices": ["%s"], "objectives": ["latency", "quality"],
                 "constraints": {"latencyBudgetMs": %s, "peakMemoryBudgetBytes": %s},
                 "budget": {"population": 30, "generations": 8}, "seed": 11, "verifyTopK": 2,
                 "verifyTolerance": 1.0, "maxRounds": 1}
                """.formatted(device, budgetMs, peakBudget));

        long over = Math.round(1.2 * peakBudget);
        long under = Math.round(0.9 * peakBudget);
        List<String> measured = report(id, UNDER, UNDER, over, under);
        JsonNode done = awaitState(id, "done");
        List<JsonNode> points = frontPoints(id);

        assertThat(points)
                .filteredOn(p -> hash(p).equals(measured.getFirst()))
                .as("measured within the latency budget but over the peak memory budget")
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path("meetsBudget").asBoolean()).isTrue();
                    assertThat(p.path("measuredPeakMemoryBytes").asLong()).isEqualTo(over);
                    assertThat(p.path("feasible").asBoolean()).isFalse();
                    assertThat(p.path("violation").asDouble()).isCloseTo(0.2, within(1e-6));
                });
        assertThat(points)
                .filteredOn(p -> hash(p).equals(measured.getLast()))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path("measuredPeakMemoryBytes").asLong()).isEqualTo(under);
                    assertThat(p.path("feasible").asBoolean()).isTrue();
                });
        assertThat(done.path("verdict").asString())
                .as("a config reported feasible broke a budget: not converged, and the job had one round")
                .isEqualTo("round-limit");
    }

    @Test
    void aPeakMemoryBudgetAloneIsUnmetWhenEveryVerifiedConfigPeaksOverIt() throws Exception {
        double peakBudget = halfwayPeakBudget();
        String id = submit("""
                {"devices": ["%s"], "objectives": ["latency", "quality"],
                 "constraints": {"peakMemoryBudgetBytes": %s},
                 "budget": {"population": 30, "generations": 8}, "seed": 11, "verifyTopK": 2,
                 "verifyTolerance": 1.0, "maxRounds": 1}
                """.formatted(device, peakBudget));

        long over = Math.round(1.1 * peakBudget);
        List<String> measured = report(id, UNDER, UNDER, over, over);
        JsonNode done = awaitState(id, "done");
        List<JsonNode> points = frontPoints(id);

        assertThat(points)
                .filteredOn(p -> measured.contains(hash(p)))
                .as("no latency budget: the peak memory budget alone makes them infeasible")
                .hasSize(2)
                .allSatisfy(p -> {
                    assertThat(p.path("measuredPeakMemoryBytes").asLong()).isEqualTo(over);
                    assertThat(p.path("feasible").asBoolean()).isFalse();
                    assertThat(p.path("violation").asDouble()).isCloseTo(0.1, within(1e-6));
                });
        assertThat(done.path("verdict").asString()).isEqualTo("budget-unmet");
    }

    @Test
    void theNextRoundSearchesWithEachMeasuredConfigAtItsMeasurement() throws Exception {
        String id = submit(reportedJob(2));
        List<String> reported = report(id, OVER, UNDER);
        JsonNode done = verifyUntilDone(id, device);
        List<JsonNode> front = api.get("/api/v1/search-jobs/" + id + "/front")
                .body()
                .path("points")
                .valueStream()
                .toList();

        assertThat(done.path("round").asInt()).isEqualTo(2);
        assertThat(front)
                .filteredOn(p -> hash(p).equals(reported.get(1)))
                .as("the config measured at a twentieth of the budget is on the front at that latency")
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path("round").asInt()).isEqualTo(2);
                    assertThat(p.path("feasible").asBoolean()).isTrue();
                    assertThat(p.path("latencyBoundMs").asDouble()).isEqualTo(UNDER * budgetMs);
                    assertThat(p.path("meetsBudget").asBoolean()).isTrue();
                });
        assertThat(front.stream().filter(p -> p.path("feasible").asBoolean()))
                .as("the config measured over the budget is never reported feasible again")
                .isNotEmpty()
                .noneSatisfy(p -> assertThat(hash(p)).isEqualTo(reported.get(0)));
    }

    @Test
    void verifiesOnTwoDevicesWithAgentsRunningAtOnce() throws Exception {
        UUID second = SimDevices.onboard(port, "nvidia-h100-sxm");
        double budget = 0.6 * Math.max(meanReferenceMs(device), meanReferenceMs(second));
        String id = submit("""
                {"devices": ["%s", "%s"], "objectives": ["latency", "quality"],
                 "constraints": {"latencyBudgetMs": %s}, "budget": {"population": 30, "generations": 6},
                 "verifyTopK": 3, "verifyTolerance": 1.0, "maxRounds": 2}
                """.formatted(device, second, budget));

        JsonNode done = verifyUntilDone(id, device, second);
        List<JsonNode> items = api.get("/api/v1/search-jobs/" + id + "/verifications")
                .body()
                .path("verifications")
                .valueStream()
                .toList();

        assertThat(done.path("state").asString()).isEqualTo("done");
        assertThat(items)
                .extracting(v -> UUID.fromString(v.path("deviceId").asString()))
                .contains(device, second);
        assertThat(items).allSatisfy(v -> assertThat(v.path("state").asString()).isEqualTo("measured"));
    }

    /**
     * The race that left jobs verifying forever: both devices' last results are stored in transactions that overlap
     * (each waits for the other before committing), as when two agents report at the same moment.
     */
    @Test
    void endsTheRoundWhenTwoDevicesResultsLandAtOnce() throws Exception {
        UUID second = SimDevices.onboard(port, "nvidia-h100-sxm");
        long firstTask = queueTask(device);
        long secondTask = queueTask(second);
        UUID job = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            insertVerifyingJob(job);
            insertVerification(job, firstTask, device);
            insertVerification(job, secondTask, second);
        });
        var bothInFlight = new CyclicBarrier(2);

        try (var executor = Executors.newFixedThreadPool(2)) {
            List<Future<?>> results = new ArrayList<>();
            for (var task : List.of(new long[] {0, firstTask}, new long[] {1, secondTask})) {
                UUID on = task[0] == 0 ? device : second;
                results.add(executor.submit(() -> transaction.executeWithoutResult(status -> {
                    events.publishEvent(new TaskCompleted(on, task[1], "hash-" + task[1], 100.0, false));
                    await(bothInFlight);
                })));
            }
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        }
        JsonNode done = awaitState(job.toString(), "done");

        assertThat(done.path("state").asString()).isEqualTo("done");
        assertThat(done.path("verdict").asString()).isEqualTo("converged");
        assertThat(jdbc.queryForObject(
                        "select count(*) from search_verifications where job_id = ? and ended_at is not null",
                        Long.class,
                        job))
                .isEqualTo(2);
    }

    private String reportedJob(int maxRounds) {
        return """
                {"devices": ["%s"], "objectives": ["latency", "quality"], "constraints": {"latencyBudgetMs": %s},
                 "budget": {"population": 30, "generations": 8}, "seed": 11, "verifyTopK": 2,
                 "verifyTolerance": 1.0, "maxRounds": %d}
                """.formatted(device, budgetMs, maxRounds);
    }

    /**
     * Acts as the device's agent for the job's first round, whose two configs are reported feasible and queued in
     * front order (the fastest, then the one nearest the budget): reports the first at {@code first} times the budget
     * and the second at {@code second} times. Answers their hashes in that order.
     */
    private List<String> report(String id, double first, double second) throws InterruptedException {
        return report(id, first, second, null, null);
    }

    /** As {@link #report(String, double, double)}, the measurements reporting these peak memories (null: none). */
    private List<String> report(
            String id, double first, double second, @Nullable Long firstPeak, @Nullable Long secondPeak)
            throws InterruptedException {
        awaitState(id, "verifying");
        List<JsonNode> round = api.get("/api/v1/search-jobs/" + id + "/verifications")
                .body()
                .path("verifications")
                .valueStream()
                .toList();
        assertThat(round)
                .as("round 1 queued two configs reported feasible")
                .hasSize(2)
                .allSatisfy(v -> assertThat(v.path("feasible").asBoolean()).isTrue());
        String tasks = "/api/v1/devices/" + device + "/tasks";
        JsonNode leased = api.post(tasks + "/leases", HttpApi.ADMIN_TOKEN, "{\"max\": 20}")
                .body();
        assertThat(leased.path("tasks").valueStream().map(t -> t.path("taskId").asLong()))
                .containsExactlyInAnyOrderElementsOf(
                        round.stream().map(v -> v.path("taskId").asLong()).toList());
        for (JsonNode task : leased.path("tasks")) {
            boolean isFirst = task.path("taskId").asLong()
                    == round.getFirst().path("taskId").asLong();
            var reply =
                    api.post(tasks + "/" + task.path("taskId").asLong() + "/result", HttpApi.ADMIN_TOKEN, """
                    {"leaseToken": "%s", "measurement": {"clientId": "ignored", "space": "mmdit-pruning",
                      "config": %s, "latency": {"endToEndMs": %s}, "peakMemoryBytes": %s,
                      "warmupCount": 1, "repeatCount": 3,
                      "statistic": "median", "measuredAt": "2026-11-24T10:00:00Z",
                      "runnerSettings": {"runner": "test"}}}
                    """.formatted(
                                    task.path("leaseToken").asString(),
                                    task.path("config"),
                                    (isFirst ? first : second) * budgetMs,
                                    isFirst ? firstPeak : secondPeak));
            assertThat(reply.status()).as("result: %s", reply.body()).isEqualTo(200);
        }
        return round.stream().map(v -> v.path("configHash").asString()).toList();
    }

    private List<JsonNode> frontPoints(String id) {
        return api.get("/api/v1/search-jobs/" + id + "/front")
                .body()
                .path("points")
                .valueStream()
                .toList();
    }

    /** A peak memory budget about halfway between the smallest config's bound on the device and the full model's. */
    private double halfwayPeakBudget() {
        JsonNode memory =
                api.get("/api/v1/devices/" + device + "/predictor").body().path("peakMemory");
        return memory.path("interceptBytes").asDouble()
                + memory.path("marginBytes").asDouble()
                + memory.path("bytesPerParameter").asDouble() * 1.5e9
                + memory.path("bytesPerActivation").asDouble() * 1e8;
    }

    private static String hash(JsonNode point) {
        return point.path("configHash").asString();
    }

    /** Runs the devices' simulated agents until the job is done, one after another, round after round. */
    private JsonNode verifyUntilDone(String id, UUID... devices) throws Exception {
        var stop = new AtomicBoolean();
        try (var agents = Executors.newFixedThreadPool(devices.length)) {
            var running = new ArrayList<Future<?>>();
            for (UUID on : devices) {
                String sim = on.equals(device) ? SIM : "nvidia-h100-sxm";
                running.add(agents.submit(() -> {
                    while (!stop.get()) {
                        SimDevices.measureQueued(port, on, sim);
                        Thread.sleep(200);
                    }
                    return null;
                }));
            }
            try {
                return awaitState(id, "done");
            } finally {
                stop.set(true);
                for (Future<?> agent : running) {
                    agent.get(60, TimeUnit.SECONDS);
                }
            }
        }
    }

    private JsonNode awaitState(String id, String state) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = api.get("/api/v1/search-jobs/" + id).body();
            String now = job.path("state").asString();
            if (now.equals(state) || now.equals("failed") || now.equals("cancelled") || now.equals("done")) {
                assertThat(now).as("job %s: %s", id, job.path("error")).isEqualTo(state);
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " never reached " + state);
    }

    private String submit(String body) {
        var reply = api.post("/api/v1/search-jobs", HttpApi.ADMIN_TOKEN, body);
        assertThat(reply.status()).as("submit: %s", reply.body()).isEqualTo(202);
        return reply.body().path("id").asString();
    }

    private double meanReferenceMs(UUID id) {
        return api.get("/api/v1/devices/" + id + "/measurements?size=100")
                .body()
                .path("items")
                .valueStream()
                .mapToDouble(m -> m.path("latency").path("endToEndMs").asDouble())
                .average()
                .orElseThrow();
    }

    private static Set<String> hashes(List<JsonNode> items, int round) {
        return items.stream()
                .filter(v -> v.path("round").asInt() == round)
                .map(v -> v.path("configHash").asString())
                .collect(Collectors.toSet());
    }

    /** A job verifying round 1 of 1, without a budget, its front empty: what the race decides is only its end. */
    private void insertVerifyingJob(UUID job) {
        jdbc.update(
                "insert into search_jobs (id, device_id, space, state, request, seed, population, generations, attempts,"
                        + " round, max_rounds, created_at) values (?, ?, 'mmdit-pruning', 'VERIFYING', cast(? as jsonb),"
                        + " 1, 20, 3, 1, 1, 1, now())",
                job,
                device,
                "{\"devices\": [\"" + device + "\"], \"objectives\": [\"latency\", \"quality\"], \"verifyTopK\": 1,"
                        + " \"maxRounds\": 1}");
    }

    private long queueTask(UUID on) {
        String config = "{\"keep\": [" + "1,".repeat(23) + "1], \"mlpWidth\": [" + "1,".repeat(23) + "1]}";
        return api.post("/api/v1/devices/" + on + "/tasks", HttpApi.ADMIN_TOKEN, "{\"configs\": [" + config + "]}")
                .body()
                .path("taskIds")
                .get(0)
                .asLong();
    }

    /** Its prediction (100 ms) is what the results below measure: the round agrees. */
    private void insertVerification(UUID job, long task, UUID on) {
        jdbc.update(
                "insert into search_verifications (task_id, job_id, round, device_id, config_hash, latency_ms,"
                        + " latency_bound_ms, feasible) values (?, ?, 1, ?, ?, 100, 110, true)",
                task,
                job,
                on,
                "hash-" + task);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other result never got in flight", e);
        }
    }
}

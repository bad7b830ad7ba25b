package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenshot.agent.runner.DeviceProfile;
import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.runner.Runner;
import dev.tenshot.agent.sim.SimRunner;
import dev.tenshot.predictor.PeakMemoryModel;
import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.OpenApiContract;
import dev.tenshot.service.ServiceIT;
import dev.tenshot.service.SimDevices;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@ServiceIT
class SearchJobIT {

    private static final MmditPruningSpace SPACE = MmditPruningSpace.neodragon();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpApi api;
    UUID device;

    @BeforeEach
    void onboardDevice() throws InterruptedException {
        api = new HttpApi(port);
        device = SimDevices.onboard(port, "snapdragon-8-elite-npu");
    }

    @Test
    void findsAFrontWithinTheLatencyBudgetAndDrawsIt() throws Exception {
        Reply submitted = submit("""
                {"devices": ["%s"], "objectives": ["latency", "quality"],
                 "constraints": {"latencyBudgetMs": 15000, "minKeptBlocks": 12},
                 "budget": {"population": 40, "generations": 20}, "seed": 7}
                """.formatted(device));
        String id = submitted.body().path("id").asString();

        JsonNode done = awaitFinal(id);
        Reply front = api.get("/api/v1/search-jobs/" + id + "/front");
        String csv = text("/api/v1/search-jobs/" + id + "/front.csv");
        String svg = text("/api/v1/search-jobs/" + id + "/front.svg");

        assertThat(submitted.status()).isEqualTo(202);
        assertThat(done.path("state").asString()).isEqualTo("done");
        assertThat(done.path("progress").path("generation").asInt()).isEqualTo(20);
        assertThat(done.path("progress").path("hypervolume").asDouble()).isPositive();
        assertThat(done.path("metaModelVersion").asLong()).isPositive();
        JsonNode points = front.body().path("points");
        assertThat(points.size()).isPositive();
        assertThat(points.valueStream().filter(p -> p.path("feasible").asBoolean()))
                .as("feasible points, each by its upper bound")
                .isNotEmpty()
                .allSatisfy(point -> {
                    assertThat(point.path("latencyBoundMs").asDouble()).isLessThanOrEqualTo(15000);
                    assertThat(point.path("keptBlocks").asInt()).isGreaterThanOrEqualTo(12);
                });
        for (JsonNode point : points) {
            assertThat(point.path("latencyLowerMs").asDouble())
                    .isLessThanOrEqualTo(point.path("latencyMs").asDouble());
            assertThat(point.path("latencyBoundMs").asDouble())
                    .as("a 95% one-sided bound lies beyond the 80% interval's upper end")
                    .isGreaterThan(point.path("latencyUpperMs").asDouble());
        }
        List<Map<String, String>> rows = CsvRows.parse(csv);
        assertThat(rows).hasSize(points.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            JsonNode point = points.get(i);
            assertThat(row.get("point")).isEqualTo(point.path("point").asString());
            assertThat(row.get("device_id")).isEqualTo(device.toString());
            assertThat(row.get("round")).isEqualTo("1");
            assertThat(row.get("config_hash"))
                    .isEqualTo(point.path("configHash").asString());
            assertThat(Double.parseDouble(row.get("latency_ms")))
                    .isCloseTo(point.path("latencyMs").asDouble(), within(1e-3));
            assertThat(Double.parseDouble(row.get("latency_bound_ms")))
                    .isCloseTo(point.path("latencyBoundMs").asDouble(), within(1e-3))
                    .isGreaterThan(Double.parseDouble(row.get("latency_ms")));
            assertThat(row.get("feasible")).isEqualTo(point.path("feasible").asString());
            assertThat(row.get("measured_latency_ms")).isEmpty();
            assertThat(row.get("meets_budget")).isEmpty();
            assertThat(HttpApi.JSON.readTree(row.get("config"))).isEqualTo(point.path("config"));
        }
        assertThat(svg).startsWith("<svg").contains("<circle class=\"feasible\"");
        assertThat(jdbc.queryForObject("select count(*) from front_points where job_id = ?::uuid", Long.class, id))
                .isEqualTo(points.size());
        assertThat(jdbc.queryForObject("select count(*) from search_progress where job_id = ?::uuid", Long.class, id))
                .isEqualTo(20);
    }

    @Test
    void searchesForTheWorstCaseOverSeveralDevices() throws Exception {
        UUID second = SimDevices.onboard(port, "nvidia-h100-sxm");
        String id = submit("""
                {"devices": ["%s", "%s"], "objectives": ["latency", "quality"],
                 "constraints": {"latencyBudgetMs": 12000}, "budget": {"population": 30, "generations": 10}}
                """.formatted(device, second)).body().path("id").asString();

        awaitFinal(id);
        JsonNode front = api.get("/api/v1/search-jobs/" + id + "/front").body();

        assertThat(front.path("devices")).hasSize(2);
        var byPoint = new java.util.HashMap<Integer, java.util.List<JsonNode>>();
        front.path("points")
                .forEach(p -> byPoint.computeIfAbsent(p.path("point").asInt(), k -> new java.util.ArrayList<>())
                        .add(p));
        assertThat(byPoint.values()).allSatisfy(rows -> assertThat(rows).hasSize(2));
        assertThat(byPoint.values().stream()
                        .filter(rows -> rows.getFirst().path("feasible").asBoolean()))
                .as("feasible points")
                .isNotEmpty()
                .allSatisfy(rows -> assertThat(rows)
                        .allSatisfy(r ->
                                assertThat(r.path("latencyBoundMs").asDouble()).isLessThanOrEqualTo(12000)));
    }

    @Test
    void streamsProgressUntilTheJobEnds() throws Exception {
        String id = submit("""
                {"devices": ["%s"], "objectives": ["latency", "quality"], "budget": {"population": 20,
                 "generations": 10}}
                """.formatted(device)).body().path("id").asString();

        String stream = text("/api/v1/search-jobs/" + id + "/events");

        assertThat(stream).contains("event:progress");
        assertThat(stream.lines()
                        .filter(l -> l.startsWith("data:"))
                        .reduce((a, b) -> b)
                        .orElseThrow())
                .contains("\"state\":\"done\"");
    }

    @Test
    void keepsTheWeightsWithinAMemoryBudget() throws Exception {
        double budget = 1.0e9; // bytes; the simulated Snapdragon NPU runs W8A16, one byte per weight
        String id = submit("""
                {"devices": ["%s"], "objectives": ["latency", "quality", "memory"],
                 "constraints": {"memoryBudgetBytes": %s}, "budget": {"population": 30, "generations": 10}}
                """.formatted(device, budget)).body().path("id").asString();
        Reply impossible = submit("""
                {"devices": ["%s"], "objectives": ["latency", "quality"], "constraints": {"memoryBudgetBytes": 1000}}
                """.formatted(device));

        awaitFinal(id);
        JsonNode points = api.get("/api/v1/search-jobs/" + id + "/front").body().path("points");

        assertThat(points.size()).isPositive();
        assertThat(points.valueStream().filter(p -> p.path("feasible").asBoolean()))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.path("parameters").asDouble()).isLessThanOrEqualTo(budget));
        assertThat(impossible.problemType()).isEqualTo("urn:tenshot:problem:impossible-constraints");
    }

    @Test
    void keepsThePipelinesMeasuredPeakMemoryWithinABudgetAndShowsItsStages() throws Exception {
        JsonNode fitted = api.get("/api/v1/devices/" + device + "/predictor").body();
        JsonNode memory = fitted.path("peakMemory");
        var model = new PeakMemoryModel(
                memory.path("interceptBytes").asDouble(),
                memory.path("bytesPerParameter").asDouble(),
                memory.path("bytesPerActivation").asDouble(),
                memory.path("marginBytes").asDouble(),
                memory.path("samples").asInt());
        double smallest = bound(model, SPACE.smallest());
        double full = bound(model, MmditConfig.full(SPACE.base()));
        double budget = (smallest + full) / 2;
        String id = submit("""
                {"devices": ["%s"], "objectives": ["latency", "quality"],
                 "constraints": {"peakMemoryBudgetBytes": %s}, "budget": {"population": 30, "generations": 10}}
                """.formatted(device, budget)).body().path("id").asString();
        Reply impossible = submit("""
                {"devices": ["%s"], "objectives": ["latency", "quality"],
                 "constraints": {"peakMemoryBudgetBytes": %s}}
                """.formatted(device, smallest / 2));

        awaitFinal(id);
        JsonNode points = api.get("/api/v1/search-jobs/" + id + "/front").body().path("points");

        assertThat(memory.path("samples").asInt()).isEqualTo(10);
        assertThat(model.bytesPerParameter())
                .as("W8A16: about a byte per weight")
                .isBetween(0.5, 4.0);
        assertThat(impossible.problemType()).isEqualTo("urn:tenshot:problem:impossible-constraints");
        assertThat(points.valueStream().filter(p -> p.path("feasible").asBoolean()))
                .isNotEmpty()
                .allSatisfy(
                        p -> assertThat(p.path("peakMemoryBytes").asDouble()).isLessThanOrEqualTo(budget));
        JsonNode stages = fitted.path("fixedStages");
        double fixed = stages.path("textEncoderMs").asDouble()
                + stages.path("vaeDecoderMs").asDouble()
                + stages.path("superResolutionMs").asDouble()
                + stages.path("otherMs").asDouble();
        assertThat(stages.path("textEncoderMs").asDouble()).isPositive();
        for (JsonNode point : points) {
            assertThat(point.path("fixedStagesMs").asDouble()).isCloseTo(fixed, within(1e-6));
            assertThat(point.path("denoiserMs").asDouble())
                    .isCloseTo(Math.max(0, point.path("latencyMs").asDouble() - fixed), within(1e-6));
        }
        // The simulated device runs each feasible config: its peak stays within the budget.
        try (var simulated = SimRunner.of("snapdragon-8-elite-npu", 3)) {
            for (JsonNode point : points) {
                if (point.path("feasible").asBoolean()) {
                    var outcome = (RunOutcome.Measured)
                            simulated.run(new MeasurementTask(1, SPACE.name(), point.path("config")));
                    assertThat((double) Objects.requireNonNull(outcome.peakMemoryBytes()))
                            .isLessThanOrEqualTo(budget);
                }
            }
        }
    }

    @Test
    void refusesAPeakMemoryBudgetOverADeviceThatNeverMeasuredPeakMemory() throws Exception {
        UUID blind;
        try (var sim = SimRunner.of("adreno-830-gpu", 3)) {
            blind = SimDevices.onboard(port, new WithoutPeakMemory(sim), HttpApi.ADMIN_TOKEN);
        }

        Reply refused = submit("""
                {"devices": ["%s", "%s"], "objectives": ["latency", "quality"],
                 "constraints": {"peakMemoryBudgetBytes": 1e12}}
                """.formatted(device, blind));
        JsonNode fitted = api.get("/api/v1/devices/" + blind + "/predictor").body();

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problemType()).isEqualTo("urn:tenshot:problem:peak-memory-unmeasured");
        assertThat(refused.body().path("deviceId").asString()).isEqualTo(blind.toString());
        assertThat(fitted.path("peakMemory").isNull()).isTrue();
        assertThat(fitted.path("fixedStages").path("measurements").asInt()).isEqualTo(10);
    }

    private static double bound(PeakMemoryModel model, MmditConfig config) {
        return model.boundBytes(
                SPACE.costs().denoiserParameters(config), SPACE.costs().peakActivationValues(config));
    }

    /** A runner whose measurements leave out peak memory, as a tool that does not report it. */
    private record WithoutPeakMemory(Runner runner) implements Runner {

        @Override
        public String name() {
            return runner.name();
        }

        @Override
        public DeviceProfile device() {
            return runner.device();
        }

        @Override
        public RunOutcome run(MeasurementTask task) {
            return switch (runner.run(task)) {
                case RunOutcome.Measured m -> m.withPeakMemoryBytes(null);
                case RunOutcome.Failed f -> f;
            };
        }
    }

    @Test
    void queuesTheTopOfTheFrontForMeasurement() throws Exception {
        String id = submit("""
                {"devices": ["%s"], "objectives": ["latency", "quality"], "budget": {"population": 20,
                 "generations": 5}, "verifyTopK": 2, "maxRounds": 1}
                """.formatted(device)).body().path("id").asString();

        assertThat(awaitFinal(id, "verifying").path("state").asString()).isEqualTo("verifying");

        Reply queued = api.get("/api/v1/devices/" + device + "/tasks?state=queued");
        assertThat(queued.body()
                        .path("items")
                        .valueStream()
                        .map(t -> t.path("purpose").asString()))
                .containsExactly("requested", "requested");

        SimDevices.measureQueued(port, device, "snapdragon-8-elite-npu");
        JsonNode done = awaitFinal(id);
        assertThat(done.path("state").asString()).as("done once verified").isEqualTo("done");
        assertThat(done.path("round").asInt()).isEqualTo(1);
        assertThat(done.path("verdict").asString()).as("one round allowed").isIn("converged", "round-limit");
        JsonNode front = api.get("/api/v1/search-jobs/" + id + "/front").body();
        long verified = front.path("points")
                .valueStream()
                .filter(p -> !p.path("measuredLatencyMs").isNull())
                .count();
        assertThat(verified).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from front_points where job_id = ?::uuid and measured_latency_ms is not null",
                        Long.class,
                        id))
                .isEqualTo(verified);
    }

    @Test
    void cancelsARunningJob() throws Exception {
        String id = submit("""
                {"devices": ["%s"], "objectives": ["latency", "quality"], "budget": {"population": 200,
                 "generations": 2000}}
                """.formatted(device)).body().path("id").asString();

        Reply cancelled = api.delete("/api/v1/search-jobs/" + id, HttpApi.ADMIN_TOKEN);
        JsonNode after = awaitFinal(id);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(after.path("state").asString()).isEqualTo("cancelled");
        assertThat(api.get("/api/v1/search-jobs/" + id + "/front").status()).isEqualTo(409);
    }

    @Test
    void rerunsFromItsSeedAJobWhoseReplicaDied() throws Exception {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into search_jobs (id, device_id, space, state, request, seed, population, generations, attempts,"
                        + " lease_owner, lease_expires_at, created_at) values (?, ?, 'mmdit-pruning', 'RUNNING',"
                        + " cast(? as jsonb), 3, 20, 3, 1, 'replica-that-died', ?, ?)",
                id,
                device,
                "{\"devices\": [\"" + device + "\"], \"objectives\": [\"latency\", \"quality\"]}",
                java.sql.Timestamp.from(Instant.now().minusSeconds(5)),
                java.sql.Timestamp.from(Instant.now().minusSeconds(60)));

        JsonNode done = awaitFinal(id.toString());

        assertThat(done.path("state").asString()).isEqualTo("done");
        assertThat(done.path("attempts").asInt()).isEqualTo(2);
        assertThat(done.path("rerunFromSeed").asBoolean()).isTrue();
    }

    @Test
    void refusesSearchesItCannotRun() {
        String calibrating = api.registerDevice("calibrating-" + UUID.randomUUID())
                .path("id")
                .asString();

        Reply notReady = submit("{\"devices\": [\"" + calibrating + "\"], \"objectives\": [\"latency\", \"quality\"]}");
        Reply noQuality = submit("{\"devices\": [\"" + device + "\"], \"objectives\": [\"latency\"]}");
        Reply tooBig = submit("{\"devices\": [\"" + device + "\"], \"objectives\": [\"latency\", \"quality\"],"
                + " \"budget\": {\"population\": 100000}}");
        Reply impossible = submit("{\"devices\": [\"" + device + "\"], \"objectives\": [\"latency\", \"quality\"],"
                + " \"constraints\": {\"minKeptBlocks\": 30}}");
        Reply anonymous = api.post(
                "/api/v1/search-jobs",
                null,
                "{\"devices\": [\"" + device + "\"]," + " \"objectives\": [\"latency\", \"quality\"]}");
        Reply unknown = api.get("/api/v1/search-jobs/" + UUID.randomUUID());

        assertThat(notReady.problemType()).isEqualTo("urn:tenshot:problem:device-not-ready");
        assertThat(noQuality.problemType()).isEqualTo("urn:tenshot:problem:invalid-objectives");
        assertThat(tooBig.problemType()).isEqualTo("urn:tenshot:problem:budget-too-large");
        assertThat(impossible.problemType()).isEqualTo("urn:tenshot:problem:impossible-constraints");
        assertThat(notReady.status()).isEqualTo(409);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(jdbc.queryForObject(
                        "select count(*) from search_jobs where device_id = ?::uuid", Long.class, calibrating))
                .isZero();
    }

    @Test
    void answersLargeResponsesGzippedOnlyToClientsThatAskForIt() throws Exception {
        String id = submit("""
                        {"devices": ["%s"], "objectives": ["latency", "quality", "parameters"],
                         "budget": {"population": 40, "generations": 20}, "seed": 7}
                        """.formatted(device)).body().path("id").asString();
        awaitFinal(id);
        String badConfigs = "{\"configs\": [" + String.join(",", java.util.Collections.nCopies(100, """
                {"keep": [1], "mlpWidth": [0.3]}""")) + "]}";

        Raw plain = raw(HttpRequest.newBuilder(uri("/api/v1/search-jobs/" + id + "/front")), false);
        Raw zipped = raw(HttpRequest.newBuilder(uri("/api/v1/search-jobs/" + id + "/front")), true);
        Raw csv = raw(HttpRequest.newBuilder(uri("/api/v1/search-jobs/" + id + "/front.csv")), true);
        Raw svg = raw(HttpRequest.newBuilder(uri("/api/v1/search-jobs/" + id + "/front.svg")), true);
        Raw problem = raw(
                HttpRequest.newBuilder(uri("/api/v1/devices/" + device + "/predictions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(badConfigs)),
                true);
        Raw small = raw(HttpRequest.newBuilder(uri("/api/v1/devices/" + device)), true);

        assertThat(plain.body().length).as("a front worth compressing").isGreaterThan(20_000);
        assertThat(plain.encoding()).isNull();
        assertThat(zipped.encoding()).isEqualTo("gzip");
        assertThat(zipped.body().length).isLessThan(plain.body().length / 3);
        assertThat(HttpApi.JSON.readTree(gunzip(zipped.body()))).isEqualTo(HttpApi.JSON.readTree(plain.body()));
        assertThat(csv.encoding()).isEqualTo("gzip");
        assertThat(new String(gunzip(csv.body()), StandardCharsets.UTF_8)).startsWith(FrontCsv.HEADER);
        assertThat(svg.encoding()).isEqualTo("gzip");
        assertThat(new String(gunzip(svg.body()), StandardCharsets.UTF_8)).contains("<svg");
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.encoding()).isEqualTo("gzip");
        assertThat(HttpApi.JSON
                        .readTree(gunzip(problem.body()))
                        .path("errorCount")
                        .asInt())
                .isGreaterThanOrEqualTo(100);
        assertThat(small.status()).isEqualTo(200);
        assertThat(small.encoding())
                .as("an answer of known length under the minimum size")
                .isNull();
    }

    @Test
    void answersAFrontTheClientHasWith304UntilAMeasurementChangesIt() throws Exception {
        String id = submit("""
                        {"devices": ["%s"], "objectives": ["latency", "quality"],
                         "budget": {"population": 20, "generations": 5}, "seed": 3}
                        """.formatted(device)).body().path("id").asString();
        awaitFinal(id);
        var client = HttpClient.newHttpClient();
        HttpResponse<String> first = OpenApiContract.checked(client.send(
                HttpRequest.newBuilder(uri("/api/v1/search-jobs/" + id + "/front"))
                        .header("Authorization", "Bearer " + HttpApi.ADMIN_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString()));
        String etag = first.headers().firstValue("ETag").orElseThrow();

        int unchanged = conditionalFrontStatus(client, id, etag);
        SimDevices.measureQueued(port, device, "snapdragon-8-elite-npu"); // nothing queued: no new measurement
        int stillUnchanged = conditionalFrontStatus(client, id, etag);
        JsonNode config =
                HttpApi.JSON.readTree(first.body()).path("points").get(0).path("config");
        api.post("/api/v1/devices/" + device + "/tasks", HttpApi.ADMIN_TOKEN, "{\"configs\": [" + config + "]}");
        SimDevices.measureQueued(port, device, "snapdragon-8-elite-npu");
        int changed = conditionalFrontStatus(client, id, etag);

        assertThat(first.headers().firstValue("Vary"))
                .hasValueSatisfying(vary -> assertThat(vary).contains("Accept-Encoding"));
        assertThat(unchanged).isEqualTo(304);
        assertThat(stillUnchanged).isEqualTo(304);
        assertThat(changed).as("a front point measured since").isEqualTo(200);
    }

    private int conditionalFrontStatus(HttpClient client, String id, String etag) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(uri("/api/v1/search-jobs/" + id + "/front"))
                                .header("Authorization", "Bearer " + HttpApi.ADMIN_TOKEN)
                                .header("If-None-Match", etag)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    record Raw(int status, @Nullable String encoding, byte[] body) {}

    /** The answer's bytes as they came over the wire, with the admin token and maybe {@code Accept-Encoding: gzip}. */
    private Raw raw(HttpRequest.Builder request, boolean gzip) throws Exception {
        request.header("Authorization", "Bearer " + HttpApi.ADMIN_TOKEN);
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> response =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Raw(
                response.statusCode(),
                response.headers().firstValue("Content-Encoding").orElse(null),
                response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    private Reply submit(String body) {
        return api.post("/api/v1/search-jobs", HttpApi.ADMIN_TOKEN, body);
    }

    private JsonNode awaitFinal(String id, String... alsoStopAt) throws InterruptedException {
        var stops = new java.util.HashSet<>(java.util.Set.of("done", "failed", "cancelled"));
        stops.addAll(java.util.List.of(alsoStopAt));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = api.get("/api/v1/search-jobs/" + id).body();
            if (stops.contains(job.path("state").asString())) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not finish in time");
    }

    private String text(String path) throws Exception {
        var response = OpenApiContract.checked(HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + HttpApi.ADMIN_TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}

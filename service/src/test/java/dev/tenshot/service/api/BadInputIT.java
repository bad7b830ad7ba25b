package dev.tenshot.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.OpenApiContract;
import dev.tenshot.service.ServiceIT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Input that once answered 500 (or Spring's default error shape) answers a 4xx problem, on PostgreSQL, and stores
 * nothing. The body limit is lowered to 1 MB here so that the test stays small.
 */
@ServiceIT
@TestPropertySource(properties = "tenshot.api.max-body-size=1MB")
class BadInputIT {

    private static final String MEASUREMENTS = "/api/v1/devices/%s/measurements";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpApi api;
    HttpClient http = HttpClient.newHttpClient();
    String deviceId;
    String agentToken;

    @BeforeEach
    void registerDevice() {
        api = new HttpApi(port);
        JsonNode device = api.registerDevice("bad-input-" + UUID.randomUUID());
        deviceId = device.path("id").asString();
        agentToken = device.path("agentToken").asString();
    }

    @Test
    void queryStringsNoEndpointCanReadAreProblems() throws Exception {
        for (String path : List.of(
                "/actuator/health?=x",
                "/api/v1/devices?=1",
                "/api/v1/devices?page=0&%00=1",
                "/api/v1/devices?name=%00",
                "/api/v1/devices?page=2147483646",
                "/api/v1/devices?page=-1",
                "/api/v1/devices/" + deviceId + "/measurements?page=2147483646&size=1000",
                "/api/v1/devices/" + deviceId + "/tasks?page=2147483646")) {
            HttpResponse<String> response = send(request(path).GET());
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertProblem(path, response);
        }
    }

    @Test
    void springsOwnErrorsAreProblemsToo() throws Exception {
        var wrongMethod = send(request("/api/v1/devices").PUT(HttpRequest.BodyPublishers.noBody()));
        var notAcceptable =
                send(request("/api/v1/devices").header("Accept", "image/png").GET());
        var unsupported = send(request("/api/v1/devices")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        var missingParameter = send(request("/api/v1/quality-evaluations").GET());
        var noRoute = send(request("/api/v1/no-such-thing").GET());

        assertThat(List.of(wrongMethod, notAcceptable, unsupported, missingParameter, noRoute))
                .extracting(HttpResponse::statusCode)
                .containsExactly(405, 406, 415, 400, 404);
        for (var response : List.of(wrongMethod, notAcceptable, unsupported, missingParameter, noRoute)) {
            assertProblem(response.uri().toString(), response);
            assertThat(problem(response).path("type").asString()).startsWith("urn:tenshot:problem:");
        }
    }

    @Test
    void scalarsAreNotCoercedAndTimesArePlausible() throws Exception {
        var latencyAsString = postMeasurement("\"12\"", "2", "2026-11-24T10:00:00Z");
        var fractionalCount = postMeasurement("12", "1.5", "2026-11-24T10:00:00Z");
        var farFuture = postMeasurement("12", "2", "+292278994-08-17T07:12:55Z");
        var nextYear = postMeasurement(
                "12", "2", java.time.Instant.now().plusSeconds(400 * 86400L).toString());
        var ancient = postMeasurement("12", "2", "1900-01-01T00:00:00Z");

        assertThat(latencyAsString.statusCode()).isEqualTo(400);
        assertThat(fractionalCount.statusCode()).isEqualTo(400);
        assertThat(List.of(farFuture, nextYear, ancient))
                .extracting(HttpResponse::statusCode)
                .containsOnly(422);
        for (var response : List.of(latencyAsString, fractionalCount, farFuture, nextYear, ancient)) {
            assertProblem("measurement", response);
        }
        assertThat(storedMeasurements()).isZero();
    }

    @Test
    void nulCharactersNeverReachTheDatabase() throws Exception {
        var nulInAttributes = send(request("/api/v1/devices")
                .header("Authorization", "Bearer " + HttpApi.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "nul-attributes", "kind": "cpu", "chipset": "x", "runtime": "r", "precision": "fp32",
                         "attributes": {"driver": "v1\\u0000"}, "simulated": true}
                        """)));
        var nulInName = send(request("/api/v1/devices")
                .header("Authorization", "Bearer " + HttpApi.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "nul\\u0000name", "kind": "cpu", "chipset": "x", "runtime": "r", "precision": "fp32",
                         "simulated": true}
                        """)));
        var leased = api.post("/api/v1/devices/" + deviceId + "/tasks/leases", agentToken, "{\"max\": 1}");
        JsonNode task = leased.body().path("tasks").get(0);
        var failure = api.post(
                "/api/v1/devices/" + deviceId + "/tasks/" + task.path("taskId").asLong() + "/failure",
                agentToken,
                "{\"leaseToken\": \"" + task.path("leaseToken").asString()
                        + "\", \"reason\": \"tool printed \\u0000 and died\"}");

        assertThat(nulInAttributes.statusCode()).isEqualTo(422);
        assertProblem("attributes", nulInAttributes);
        assertThat(nulInName.statusCode())
                .as("a name with NUL is stored with U+FFFD")
                .isEqualTo(201);
        assertThat(problem(nulInName).path("name").asString()).isEqualTo("nul\uFFFDname");
        assertThat(failure.status())
                .as("a tool that printed NUL can report its failure: %s", failure.body())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from devices where name = 'nul-attributes'", Long.class))
                .isZero();
    }

    @Test
    void freeFormJsonAndListsAreBounded() throws Exception {
        String big = "x".repeat(BoundedJson.DEFAULT_MAX_BYTES);
        var hugeRunnerSettings = send(request(MEASUREMENTS.formatted(deviceId))
                .header("Authorization", "Bearer " + agentToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(measurement(
                        "12", "2", "2026-11-24T10:00:00Z", ", \"runnerSettings\": {\"note\": \"" + big + "\"}"))));
        String leases = "{\"taskId\": 1, \"leaseToken\": \"" + UUID.randomUUID() + "\"},";
        var tooManyLeases = api.post(
                "/api/v1/devices/" + deviceId + "/tasks/heartbeat",
                agentToken,
                "{\"leases\": [" + leases.repeat(1001) + leases.substring(0, leases.length() - 1) + "]}");

        assertThat(hugeRunnerSettings.statusCode()).isEqualTo(422);
        assertProblem("runnerSettings", hugeRunnerSettings);
        assertThat(tooManyLeases.status()).isEqualTo(422);
        assertThat(tooManyLeases.isProblem()).isTrue();
        assertThat(storedMeasurements()).isZero();
    }

    @Test
    void bodiesOverTheLimitAreRefusedBeforeParsing() throws Exception {
        byte[] body = ("{\"measurements\": [\"" + "a".repeat(2_000_000) + "\"]}").getBytes(StandardCharsets.UTF_8);
        var withLength = send(request(MEASUREMENTS.formatted(deviceId))
                .header("Authorization", "Bearer " + agentToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        // No Content-Length: a streamed body is counted as it is read.
        var chunked = send(request(MEASUREMENTS.formatted(deviceId))
                .header("Authorization", "Bearer " + agentToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));

        assertThat(withLength.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertProblem("with length", withLength);
        assertProblem("chunked", chunked);
        assertThat(problem(chunked).path("type").asString()).isEqualTo("urn:tenshot:problem:body-too-large");
        assertThat(storedMeasurements()).isZero();
        assertThat(send(request("/actuator/health").GET()).statusCode())
                .as("the service still answers")
                .isEqualTo(200);
    }

    private HttpResponse<String> postMeasurement(String latency, String warmups, String measuredAt)
            throws IOException, InterruptedException {
        return send(request(MEASUREMENTS.formatted(deviceId))
                .header("Authorization", "Bearer " + agentToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(measurement(latency, warmups, measuredAt, ""))));
    }

    private static String measurement(String latency, String warmups, String measuredAt, String extra) {
        String keep = "[" + "1,".repeat(23) + "1]";
        String widths = "[" + "1,".repeat(23) + "1]";
        return """
                {"measurements": [{"clientId": "m-1", "space": "mmdit-pruning",
                  "config": {"keep": %s, "mlpWidth": %s}, "latency": {"endToEndMs": %s},
                  "warmupCount": %s, "repeatCount": 5, "statistic": "median", "measuredAt": "%s"%s}]}
                """.formatted(keep, widths, latency, warmups, measuredAt, extra);
    }

    private long storedMeasurements() {
        return jdbc.queryForObject("select count(*) from measurements where device_id = ?::uuid", Long.class, deviceId);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + HttpApi.ADMIN_TOKEN);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return OpenApiContract.checked(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static JsonNode problem(HttpResponse<String> response) {
        return HttpApi.JSON.readTree(response.body());
    }

    private static void assertProblem(String what, HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("%s answered %s: %s", what, response.statusCode(), response.body())
                .startsWith("application/problem+json");
        assertThat(problem(response).path("status").asInt()).isEqualTo(response.statusCode());
    }
}

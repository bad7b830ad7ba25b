package dev.tenshot.service.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.ServiceIT;
import dev.tenshot.service.SimDevices;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * Runs a real Prometheus (Debian's {@code prometheus} binary, which {@code .ci/run} installs) against the service,
 * makes real traffic (a simulated device calibrated by a real agent, a search job verified on it, a refit), then runs
 * every PromQL expression of every dashboard under {@code grafana/dashboards} through Prometheus's HTTP API: a metric
 * renamed, dropped or never recorded leaves a panel empty, and fails here.
 */
@ServiceIT
class PrometheusDashboardsIT {

    private static final String SIM_DEVICE = "snapdragon-8-elite-npu";
    /** Grafana's variables and macros as this test sets them; any other {@code $} left in a query fails the test. */
    private static final Map<String, String> VARIABLES = Map.of(
            "$__rate_interval", "1m",
            "$__interval", "15s",
            "$__range", "15m",
            "$device", ".*");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyPrometheusQueryOfEveryDashboardReturnsData() throws Exception {
        Path binary = prometheusBinary().orElse(null);
        Assumptions.assumeTrue(
                binary != null,
                "no prometheus binary on the PATH: install Debian's prometheus package (.ci/run does) to run this test");
        Path dir = Files.createTempDirectory("tenshot-prometheus");
        int prometheusPort = freePort();
        Process prometheus = start(binary, dir, prometheusPort);
        try {
            awaitReady(prometheusPort);
            var api = new HttpApi(port);

            UUID device = SimDevices.onboard(port, SIM_DEVICE);
            String job = api.post("/api/v1/search-jobs", HttpApi.ADMIN_TOKEN, """
                            {"devices": ["%s"], "objectives": ["latency", "quality"],
                             "budget": {"population": 16, "generations": 4}, "verifyTopK": 2, "maxRounds": 1}
                            """.formatted(device))
                    .body()
                    .path("id")
                    .asString();
            awaitJob(api, job, "verifying");
            SimDevices.measureQueued(port, device, SIM_DEVICE);
            assertThat(awaitJob(api, job, "done").path("state").asString()).isEqualTo("done");
            // a refit after the verifications landed: the previous fit's error on them
            assertThat(api.predictorWithSamples(device, 11)
                            .body()
                            .path("sinceLastFit")
                            .isObject())
                    .isTrue();

            Map<String, String> queries = dashboardQueries();
            Map<String, JsonNode> answers = awaitAnswers(prometheusPort, queries, Duration.ofSeconds(90));

            assertThat(queries).as("PromQL found in the dashboards").hasSizeGreaterThanOrEqualTo(20);
            assertThat(answers.entrySet().stream()
                            .filter(answer -> answer.getValue().isEmpty())
                            .map(answer -> answer.getKey() + ": " + queries.get(answer.getKey()))
                            .toList())
                    .as("panels whose PromQL returned no data")
                    .isEmpty();
            String id = device.toString();
            // scrapes (1 s) and the gauges' refresh (5 s) trail the last events: wait for a sample that has them
            awaitValue(prometheusPort, "tenshot_measurements_stored_total{device=\"" + id + "\"}", 12);
            awaitValue(prometheusPort, "max(tenshot_tasks{device=\"" + id + "\", state=\"done\"})", 12);
            awaitValue(prometheusPort, "tenshot_verification_error_count{device=\"" + id + "\"}", 2);
            assertThat(value(prometheusPort, "tenshot_task_leases_total{outcome=\"granted\"}"))
                    .isGreaterThanOrEqualTo(12);
            assertThat(value(prometheusPort, "tenshot_task_results_total{outcome=\"stored\"}"))
                    .isGreaterThanOrEqualTo(12);
            assertThat(value(prometheusPort, "tenshot_measurements_stored_total{device=\"" + id + "\"}"))
                    .isEqualTo(12);
            assertThat(value(prometheusPort, "max(tenshot_tasks{device=\"" + id + "\", state=\"done\"})"))
                    .isEqualTo(12);
            assertThat(value(prometheusPort, "time() - tenshot_agent_last_seen_seconds{device=\"" + id + "\"}"))
                    .isBetween(0.0, 300.0);
            assertThat(value(prometheusPort, "tenshot_devices{device=\"" + id + "\", status=\"ready\"}"))
                    .isEqualTo(1);
            assertThat(value(prometheusPort, "tenshot_verification_error_count{device=\"" + id + "\"}"))
                    .isEqualTo(2);
            assertThat(value(prometheusPort, "tenshot_search_job_duration_seconds_count{outcome=\"done\"}"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(value(prometheusPort, "tenshot_search_job_attempts_total{kind=\"first\"}"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(value(prometheusPort, "tenshot_predictor_fit_seconds_count"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(value(prometheusPort, "sum(tenshot_predictor_part_weight{device=\"" + id + "\"})"))
                    .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        } finally {
            prometheus.destroy();
            prometheus.waitFor();
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    /** Every Prometheus target of every panel, and the query of every Prometheus template variable, by panel. */
    private static Map<String, String> dashboardQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        GrafanaDashboardIT.dashboards().forEach((file, dashboard) -> {
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                String query = variable.path("definition").asString("");
                if ("prometheus".equals(variable.path("datasource").path("type").asString())) {
                    // query_result(...) is Grafana's wrapper: Prometheus runs what it wraps
                    queries.put(
                            file + ": variable " + variable.path("name").asString(),
                            query.replaceFirst("^query_result\\((.*)\\)$", "$1"));
                }
            }
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    if (target.has("expr")) {
                        queries.put(
                                file + ": " + panel.path("title").asString() + " / "
                                        + target.path("refId").asString(),
                                expand(target.path("expr").asString()));
                    }
                }
            }
        });
        return queries;
    }

    private static String expand(String expr) {
        String query = expr;
        for (var variable : VARIABLES.entrySet()) {
            query = query.replace(variable.getKey(), variable.getValue());
        }
        assertThat(query).as("unexpanded Grafana variable in %s", expr).doesNotContain("$");
        return query;
    }

    /**
     * Queries until every expression returns data or the time is up: gauges read from the database are refreshed
     * every few seconds and scraped every second. Answers each expression's last result.
     */
    private Map<String, JsonNode> awaitAnswers(int prometheusPort, Map<String, String> queries, Duration patience)
            throws Exception {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(patience);
        do {
            for (var query : queries.entrySet()) {
                answers.put(query.getKey(), query(prometheusPort, query.getValue()));
            }
            if (answers.values().stream().allMatch(result -> result.size() > 0)) {
                break;
            }
            Thread.sleep(1000);
        } while (Instant.now().isBefore(deadline));
        return answers;
    }

    /** Polls until the query's single value is {@code expected}, or 60 s pass (the assertions then say what it was). */
    private void awaitValue(int prometheusPort, String query, double expected) throws Exception {
        for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; ) {
            JsonNode result = query(prometheusPort, query);
            if (result.size() == 1
                    && Double.parseDouble(result.get(0).path("value").get(1).asString()) == expected) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private double value(int prometheusPort, String query) throws Exception {
        JsonNode result = query(prometheusPort, query);
        assertThat(result.size()).as("series of %s", query).isEqualTo(1);
        return Double.parseDouble(result.get(0).path("value").get(1).asString());
    }

    /** The result vector of an instant query (Prometheus's HTTP API, /api/v1/query). */
    private JsonNode query(int prometheusPort, String promql) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
                        + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = HttpApi.JSON.readTree(response.body());
        assertThat(body.path("status").asString())
                .as("%s: %s", promql, response.body())
                .isEqualTo("success");
        return body.path("data").path("result");
    }

    /** Its own Prometheus: a temporary config and storage, a free loopback port, the service scraped every second. */
    private Process start(Path binary, Path dir, int prometheusPort) throws IOException {
        Path token = Files.writeString(dir.resolve("token"), HttpApi.ADMIN_TOKEN);
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: tenshot-service
                    metrics_path: /actuator/prometheus
                    authorization:
                      type: Bearer
                      credentials_file: %s
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(token, port));
        return new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + prometheusPort,
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile())
                .start();
    }

    private void awaitReady(int prometheusPort) throws Exception {
        var ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + "/-/ready"))
                .build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("prometheus not ready on port " + prometheusPort + " within 30 s");
    }

    private static JsonNode awaitJob(HttpApi api, String id, String state) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        List<String> seen = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = api.get("/api/v1/search-jobs/" + id).body();
            String now = job.path("state").asString();
            if (now.equals(state) || List.of("failed", "cancelled").contains(now)) {
                return job;
            }
            if (seen.isEmpty() || !seen.getLast().equals(now)) {
                seen.add(now);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " not " + state + " in time; states seen " + seen);
    }

    private static Optional<Path> prometheusBinary() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "prometheus"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

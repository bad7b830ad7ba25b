package dev.tenshot.service.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.agent.runner.DeviceProfile;
import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.runner.Runner;
import dev.tenshot.agent.sim.SimRunner;
import dev.tenshot.service.HttpApi;
import dev.tenshot.service.OpenApiContract;
import dev.tenshot.service.ProxiedTestDatabase;
import dev.tenshot.service.SimDevices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The service's database goes away (every connection cut, new ones refused) and comes back, while clients and agents
 * keep talking to the service: requests meanwhile answer 503 with {@code Retry-After} and store nothing, the service
 * recovers without a restart, and an agent onboarding through the outage loses and doubles no measurement.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tenshot.admin-token=" + HttpApi.ADMIN_TOKEN,
            "spring.datasource.hikari.connection-timeout=1500",
            "tenshot.api.retry-after=1s"
        })
@ContextConfiguration(initializers = ProxiedTestDatabase.class)
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(4);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void restoreDatabase() {
        ProxiedTestDatabase.proxy().restore();
    }

    @Test
    void answers503WithRetryAfterDuringAnOutageAndRecoversWithoutARestart() throws Exception {
        String name = "outage-" + UUID.randomUUID();
        ProxiedTestDatabase.proxy().cut();

        HttpResponse<String> read = send(request("/api/v1/devices").GET());
        HttpResponse<String> write = send(request("/api/v1/devices")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "%s", "kind": "cpu", "chipset": "x", "runtime": "r", "precision": "fp32",
                         "simulated": true}
                        """.formatted(name))));
        ProxiedTestDatabase.proxy().restore();
        HttpResponse<String> after = awaitStatus("/api/v1/devices", 200, Duration.ofSeconds(30));

        for (HttpResponse<String> response : java.util.List.of(read, write)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(HttpApi.JSON.readTree(response.body()).path("type").asString())
                    .isEqualTo("urn:tenshot:problem:service-unavailable");
        }
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from devices where name = ?", Long.class, name))
                .as("the registration refused during the outage stored nothing")
                .isZero();
    }

    @Test
    void anAgentOnboardingThroughAnOutageLosesAndDoublesNothing() throws Exception {
        String name = "onboarding-through-outage-" + UUID.randomUUID();
        var agent = CompletableFuture.supplyAsync(() -> {
            try (var runner = new Slow(SimRunner.of("snapdragon-8-elite-npu", 5), name)) {
                return SimDevices.onboard(port, runner, HttpApi.ADMIN_TOKEN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        awaitMeasurements(name, 3);

        ProxiedTestDatabase.proxy().cut();
        Thread.sleep(OUTAGE);
        ProxiedTestDatabase.proxy().restore();
        UUID device = agent.get(180, TimeUnit.SECONDS);

        assertThat(jdbc.queryForObject("select status from devices where id = ?", String.class, device))
                .isEqualTo("READY");
        assertThat(jdbc.queryForObject(
                        "select count(*) from measurement_tasks where device_id = ? and state <> 'DONE'",
                        Long.class,
                        device))
                .isZero();
        long tasks =
                jdbc.queryForObject("select count(*) from measurement_tasks where device_id = ?", Long.class, device);
        assertThat(jdbc.queryForObject("select count(*) from measurements where device_id = ?", Long.class, device))
                .as("one measurement per task, none lost, none twice")
                .isEqualTo(tasks);
        assertThat(jdbc.queryForObject(
                        "select count(distinct measurement_id) from measurement_tasks where device_id = ?",
                        Long.class,
                        device))
                .isEqualTo(tasks);
        assertThat(jdbc.queryForObject("select measurement_count from devices where id = ?", Long.class, device))
                .as("the device's counter agrees with its rows")
                .isEqualTo(tasks);
    }

    private void awaitMeasurements(String deviceName, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Long stored = jdbc.queryForObject(
                    "select count(*) from measurements m join devices d on d.id = m.device_id where d.name = ?",
                    Long.class,
                    deviceName);
            if (stored != null && stored >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the agent stored fewer than " + count + " measurements in time");
    }

    private HttpResponse<String> awaitStatus(String path, int status, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        HttpResponse<String> response = send(request(path).GET());
        while (response.statusCode() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            response = send(request(path).GET());
        }
        return response;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + HttpApi.ADMIN_TOKEN);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return OpenApiContract.checked(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** A simulated device that takes a while per config, so that an outage lands mid-way; labelled simulated. */
    private record Slow(SimRunner sim, String name) implements Runner {
        @Override
        public String name() {
            return sim.name();
        }

        @Override
        public DeviceProfile device() {
            DeviceProfile profile = sim.device();
            return new DeviceProfile(
                    name,
                    profile.kind(),
                    profile.chipset(),
                    profile.runtime(),
                    profile.precision(),
                    profile.attributes(),
                    profile.simulated());
        }

        @Override
        public RunOutcome run(MeasurementTask task) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return sim.run(task);
        }

        @Override
        public void close() {
            sim.close();
        }
    }
}

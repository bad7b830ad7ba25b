package dev.tenshot.service.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.ServiceIT;
import dev.tenshot.service.SimDevices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Deleting a device: the user says what becomes of its measurements, and the rest follows. */
@ServiceIT
class DeviceRemovalIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
    }

    @Test
    void aDeleteMustSayWhatBecomesOfTheMeasurements() {
        String device =
                api.registerDevice("undecided-" + UUID.randomUUID()).path("id").asString();

        Reply unsaid = api.delete("/api/v1/devices/" + device, HttpApi.ADMIN_TOKEN);
        Reply unknown = api.delete("/api/v1/devices/" + device + "?measurements=archive", HttpApi.ADMIN_TOKEN);
        Reply byReader = api.delete("/api/v1/devices/" + device + "?measurements=delete", null);

        assertThat(List.of(unsaid, unknown)).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.isProblem()).isTrue();
        });
        assertThat(byReader.status()).isEqualTo(401);
        assertThat(api.get("/api/v1/devices/" + device).body().path("status").asString())
                .isEqualTo("calibrating");
    }

    @Test
    void retiringKeepsTheMeasurementsAndEndsTheTokenTasksAndSearches() throws Exception {
        JsonNodeRegistration registration = register("retired-" + UUID.randomUUID());
        UUID device = registration.id();

        Reply retired = api.delete("/api/v1/devices/" + device + "?measurements=keep", HttpApi.ADMIN_TOKEN);
        Reply search = api.post("/api/v1/search-jobs", HttpApi.ADMIN_TOKEN, """
                {"devices": ["%s"], "objectives": ["latency", "quality"]}""".formatted(device));

        assertThat(retired.status()).isEqualTo(200);
        assertThat(retired.body().path("measurements").asString()).isEqualTo("kept");
        assertThat(retired.body().path("device").path("status").asString()).isEqualTo("retired");
        assertThat(api.get("/api/v1/devices/me", registration.agentToken()).status())
                .isEqualTo(401);
        assertThat(count("measurements", device)).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from measurement_tasks where device_id = ? and state in ('QUEUED', 'LEASED')",
                        Long.class,
                        device))
                .isZero();
        assertThat(search.status()).isEqualTo(409);
        assertThat(search.problemType()).isEqualTo("urn:tenshot:problem:device-not-ready");
        Reply newToken = api.post("/api/v1/devices/" + device + "/agent-token", HttpApi.ADMIN_TOKEN, "");
        assertThat(newToken.status()).as("a new token would revive the device").isEqualTo(422);
        assertThat(newToken.problemType()).isEqualTo("urn:tenshot:problem:device-retired");
    }

    @Test
    void deletingRemovesEveryRowThatNamesTheDevice() throws Exception {
        UUID device = SimDevices.onboard(port, "snapdragon-8-gen-3-npu");
        String job = api.post("/api/v1/search-jobs", HttpApi.ADMIN_TOKEN, """
                        {"devices": ["%s"], "objectives": ["latency", "quality"],
                         "budget": {"population": 20, "generations": 3}}""".formatted(device))
                .body()
                .path("id")
                .asString();
        awaitDone(job);

        Reply deleted = api.delete("/api/v1/devices/" + device + "?measurements=delete", HttpApi.ADMIN_TOKEN);

        assertThat(deleted.status()).as("%s", deleted.body()).isEqualTo(200);
        assertThat(deleted.body().path("measurements").asString()).isEqualTo("deleted");
        assertThat(api.get("/api/v1/devices/" + device).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/search-jobs/" + job).status()).isEqualTo(404);
        for (String table : List.of("measurements", "measurement_tasks", "front_points", "search_jobs")) {
            assertThat(count(table, device)).as(table).isZero();
        }
        assertThat(api.get("/api/v1/audit?size=50", HttpApi.ADMIN_TOKEN)
                        .body()
                        .path("items")
                        .valueStream())
                .anySatisfy(event ->
                        assertThat(event.path("target").asString()).isEqualTo(device + " (measurements deleted)"));
    }

    private record JsonNodeRegistration(UUID id, String agentToken) {}

    /** A registered device with one measurement of its own. */
    private JsonNodeRegistration register(String name) {
        var registered = api.registerDevice(name);
        UUID id = UUID.fromString(registered.path("id").asString());
        String agentToken = registered.path("agentToken").asString();
        String keep = "[" + "1,".repeat(23) + "1]";
        Reply posted = api.post("/api/v1/devices/" + id + "/measurements", agentToken, """
                {"measurements": [{"clientId": "one", "space": "mmdit-pruning",
                  "config": {"keep": %s, "mlpWidth": %s}, "latency": {"endToEndMs": 42.0},
                  "warmupCount": 1, "repeatCount": 5, "statistic": "median", "measuredAt": "2026-11-24T10:00:00Z"}]}
                """.formatted(keep, keep));
        assertThat(posted.status()).isEqualTo(200);
        return new JsonNodeRegistration(id, agentToken);
    }

    private long count(String table, UUID device) {
        return jdbc.queryForObject("select count(*) from " + table + " where device_id = ?", Long.class, device);
    }

    private void awaitDone(String job) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (api.get("/api/v1/search-jobs/" + job)
                    .body()
                    .path("state")
                    .asString()
                    .equals("done")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " not done in time");
    }
}

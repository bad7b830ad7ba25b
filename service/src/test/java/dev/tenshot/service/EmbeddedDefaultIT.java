package dev.tenshot.service;

import static dev.tenshot.service.HttpApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one test on H2: the service as a newcomer starts it, with no configuration at all. Only the data directory
 * moves to a temporary folder, and the admin token is the one the service generates there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedDefaultIT {

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("tenshot.data-dir", dataDir::toString);
    }

    @Test
    void runsOnTheEmbeddedDatabaseWithAGeneratedAdminToken() throws Exception {
        var api = new HttpApi(port);
        String adminToken = Files.readString(dataDir.resolve("admin-token")).strip();
        var registration = api.post("/api/v1/devices", adminToken, """
                {"name": "laptop", "kind": "cpu", "chipset": "x86-64", "runtime": "onnxruntime-cpu",
                 "precision": "fp32", "simulated": false}
                """);
        String deviceId = registration.body().path("id").asString();
        String keep = "[" + "1,".repeat(23) + "1]";
        String widths = "[" + "0.5,".repeat(23) + "1.0]";

        var posted = api.post("/api/v1/devices/" + deviceId + "/measurements", adminToken, """
                {"measurements": [{"clientId": "first", "space": "mmdit-pruning",
                  "config": {"keep": %s, "mlpWidth": %s}, "latency": {"endToEndMs": 42.0},
                  "warmupCount": 1, "repeatCount": 5, "statistic": "median",
                  "measuredAt": "2026-11-24T10:00:00Z"}]}
                """.formatted(keep, widths));
        var listed = api.get("/api/v1/devices/" + deviceId + "/measurements", adminToken);
        var leased = api.post("/api/v1/devices/" + deviceId + "/tasks/leases", adminToken, "{\"max\": 2}");

        assertThat(api.get("/actuator/health", adminToken).body().path("status").asString())
                .isEqualTo("UP");
        assertThat(java.nio.file.Files.getPosixFilePermissions(dataDir))
                .as("the data directory")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(java.nio.file.Files.getPosixFilePermissions(dataDir.resolve("admin-token")))
                .as("the generated admin token")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(java.nio.file.Files.getPosixFilePermissions(dataDir.resolve("tenshot.mv.db")))
                .as("the embedded database")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(registration.status()).isEqualTo(201);
        assertThat(posted.body().path("stored").asInt()).isEqualTo(1);
        assertThat(listed.body().path("items").get(0).path("config").path("mlpWidth"))
                .isEqualTo(JSON.readTree(widths));
        assertThat(leased.body().path("tasks"))
                .as("leasing (FOR UPDATE SKIP LOCKED) on H2")
                .hasSize(2);
        assertThat(Files.exists(dataDir.resolve("tenshot.mv.db"))).isTrue();
    }

    @Test
    void runsASearchJobOnTheEmbeddedDatabase() throws Exception {
        var api = new HttpApi(port);
        String adminToken = Files.readString(dataDir.resolve("admin-token")).strip();
        var device = SimDevices.onboard(port, "nvidia-h100-sxm", adminToken);

        String id = api.post("/api/v1/search-jobs", adminToken, """
                        {"devices": ["%s"], "objectives": ["latency", "quality"],
                         "budget": {"population": 20, "generations": 5}}
                        """.formatted(device))
                .body()
                .path("id")
                .asString();
        String state = "queued";
        for (int i = 0; i < 300 && !state.equals("done") && !state.equals("failed"); i++) {
            Thread.sleep(100);
            state = api.get("/api/v1/search-jobs/" + id, adminToken)
                    .body()
                    .path("state")
                    .asString();
        }

        assertThat(state).isEqualTo("done");
        assertThat(api.get("/api/v1/search-jobs/" + id + "/front", adminToken)
                        .body()
                        .path("points")
                        .size())
                .isPositive();
    }
}

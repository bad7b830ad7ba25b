package dev.tenshot.service.measurement;

import static dev.tenshot.service.measurement.TestData.batch;
import static dev.tenshot.service.measurement.TestData.measurement;
import static dev.tenshot.service.measurement.TestData.measurementWithContention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.agent.contention.Contention;
import dev.tenshot.agent.runner.DeviceProfile;
import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.runner.Runner;
import dev.tenshot.agent.sim.SimRunner;
import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.ServiceIT;
import dev.tenshot.service.SimDevices;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Measurements flagged contended: stored and listed like any other, left out of what the predictor learns from. */
@ServiceIT
class MeasurementContentionIT {

    private static final String CONTENDED = """
            "checked": true, "contended": true, "otherCpuShare": 0.47, "attempts": 4, "driftRatio": 1.02,
             "relativeIqr": 0.31, "maxMinRatio": 2.6""";
    private static final String QUIET = """
            "checked": true, "contended": false, "otherCpuShare": 0.01, "attempts": 1, "driftRatio": 0.99,
             "relativeIqr": 0.02, "maxMinRatio": 1.1""";

    @LocalServerPort
    int port;

    @Test
    void storesAndListsAContendedMeasurementButLeavesItOutOfTheDevicesFit() throws Exception {
        var api = new HttpApi(port);
        UUID device = SimDevices.onboard(port, "jetson-agx-orin-64gb");
        int before = samples(api, device);

        Reply contended = post(api, device, measurementWithContention("busy-1", 7, "900.0", CONTENDED));
        int afterContended = samples(api, device);
        Reply quiet = post(api, device, measurementWithContention("quiet-1", 7, "300.0", QUIET));
        int afterQuiet = api.predictorWithSamples(device, before + 1)
                .body()
                .path("samples")
                .asInt();
        JsonNode listed = listed(api, device, "busy-1");

        assertThat(contended.status()).as(contended.body().toString()).isEqualTo(200);
        assertThat(quiet.status()).isEqualTo(200);
        assertThat(before).isEqualTo(10);
        assertThat(afterContended).as("a contended measurement does not count").isEqualTo(before);
        assertThat(afterQuiet).as("a quiet one does").isEqualTo(before + 1);
        assertThat(listed.path("contention"))
                .as("stored and returned as posted")
                .isEqualTo(HttpApi.JSON.readTree("{" + CONTENDED + "}"));
        assertThat(measurementCount(api, device)).as("both stored").isEqualTo(12);
    }

    /** The agent flags its first reference contended: the service queues that config again, and it is measured. */
    @Test
    void measuresAReferenceAgainThatCameBackContended() throws Exception {
        var api = new HttpApi(port);
        UUID device;
        try (var runner = new FlaggingFirstTaskContended(SimRunner.of("raspberry-pi-5", 3))) {
            device = SimDevices.onboard(port, runner, HttpApi.ADMIN_TOKEN);
        }
        var items = api.get("/api/v1/devices/" + device + "/measurements?size=100")
                .body()
                .path("items")
                .valueStream()
                .toList();
        JsonNode flagged = items.stream()
                .filter(m -> m.path("contention").path("contended").asBoolean(false))
                .findFirst()
                .orElseThrow();
        long sameConfig = items.stream()
                .filter(m -> m.path("configHash").equals(flagged.path("configHash")))
                .count();

        assertThat(api.get("/api/v1/devices/" + device).body().path("status").asString())
                .isEqualTo("ready");
        assertThat(items).as("ten references and the one measured again").hasSize(11);
        assertThat(sameConfig).isEqualTo(2);
        assertThat(api.predictorWithSamples(device, 10).body().path("samples").asInt())
                .as("the contended measurement is left out: its config has a quiet one")
                .isEqualTo(10);
    }

    @Test
    void rejectsContentionValuesOutOfRangeOrContradictoryAndStoresNothing() {
        var api = new HttpApi(port);
        String deviceId =
                api.registerDevice("contention-" + UUID.randomUUID()).path("id").asString();

        Reply reply = api.post(
                "/api/v1/devices/" + deviceId + "/measurements",
                HttpApi.ADMIN_TOKEN,
                batch(
                        measurementWithContention("fine", 5, "10.0", QUIET),
                        measurementWithContention("share", 5, "10.0", QUIET.replace("0.01", "1.5")),
                        measurementWithContention(
                                "attempts", 5, "10.0", QUIET.replace("\"attempts\": 1", "\"attempts\": 0")),
                        measurementWithContention("drift", 5, "10.0", QUIET.replace("0.99", "\"NaN\"")),
                        measurementWithContention("spread", 5, "10.0", QUIET.replace("1.1", "0.5")),
                        measurementWithContention(
                                "quietUnchecked", 5, "10.0", "\"checked\": false, \"contended\": false"),
                        measurementWithContention("noChecked", 5, "10.0", "\"contended\": true"),
                        measurement("none", 5, "10.0")));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.problemType()).isEqualTo("urn:tenshot:problem:invalid-measurements");
        assertThat(reply.body()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString())
                        .distinct())
                .containsExactly(
                        "measurements[1].contention.otherCpuShare",
                        "measurements[2].contention.attempts",
                        "measurements[3].contention.driftRatio",
                        "measurements[4].contention.maxMinRatio",
                        "measurements[5].contention",
                        "measurements[6].contention.checked");
        assertThat(api.get("/api/v1/devices/" + deviceId)
                        .body()
                        .path("measurementCount")
                        .asLong())
                .as("a rejected batch stores nothing")
                .isZero();
    }

    private static Reply post(HttpApi api, UUID device, String measurement) {
        return api.post("/api/v1/devices/" + device + "/measurements", HttpApi.ADMIN_TOKEN, batch(measurement));
    }

    private static int samples(HttpApi api, UUID device) {
        Reply predictor = api.get("/api/v1/devices/" + device + "/predictor");
        assertThat(predictor.status()).as(predictor.body().toString()).isEqualTo(200);
        return predictor.body().path("samples").asInt();
    }

    private static JsonNode listed(HttpApi api, UUID device, String clientId) {
        return api.get("/api/v1/devices/" + device + "/measurements?size=100")
                .body()
                .path("items")
                .valueStream()
                .filter(m -> m.path("clientId").asString().equals(clientId))
                .findFirst()
                .orElseThrow();
    }

    private static long measurementCount(HttpApi api, UUID device) {
        return api.get("/api/v1/devices/" + device)
                .body()
                .path("measurementCount")
                .asLong();
    }

    /** A simulated device whose first measurement is reported as if it had run on a busy machine. */
    private static final class FlaggingFirstTaskContended implements Runner {

        private final Runner sim;
        private boolean flagged;

        FlaggingFirstTaskContended(Runner sim) {
            this.sim = sim;
        }

        @Override
        public String name() {
            return sim.name();
        }

        @Override
        public DeviceProfile device() {
            return sim.device();
        }

        @Override
        public RunOutcome run(MeasurementTask task) {
            RunOutcome outcome = sim.run(task);
            if (flagged || !(outcome instanceof RunOutcome.Measured m)) {
                return outcome;
            }
            flagged = true;
            var busy = new Contention(true, true, 0.5, 4, null, 0.3, 2.5);
            return m.withContention(busy);
        }

        @Override
        public void close() {
            sim.close();
        }
    }
}

package dev.tenshot.service.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.agent.Agent;
import dev.tenshot.agent.Agent.AgentSettings;
import dev.tenshot.agent.Progress;
import dev.tenshot.agent.api.RetryPolicy;
import dev.tenshot.agent.api.ServiceClient;
import dev.tenshot.agent.contention.ContentionSettings;
import dev.tenshot.agent.onnx.OnnxRunner;
import dev.tenshot.agent.onnx.OnnxSettings;
import dev.tenshot.agent.onnx.WorkloadScale;
import dev.tenshot.agent.runner.Runner;
import dev.tenshot.agent.sim.SimRunner;
import dev.tenshot.service.HttpApi;
import dev.tenshot.service.ServiceIT;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Real agents onboard devices against the service over HTTP: a real CPU through ONNX Runtime, a simulated fleet. */
@ServiceIT
class AgentOnboardingIT {

    private static final AgentSettings UNTIL_CALIBRATED =
            new AgentSettings(5, Duration.ofSeconds(60), Duration.ofMillis(200), true);

    @LocalServerPort
    int port;

    @Test
    void calibratesThisMachinesCpuWithTenRealMeasurements() throws Exception {
        var settings = OnnxSettings.defaults()
                .withScale(new WorkloadScale(64, 64, 8))
                .withCalls(1, 3)
                .withThreads(1)
                // re-measure a contended attempt once, without waiting: a busy machine must not stall the build
                .withContention(ContentionSettings.defaults().withMaxAttempts(2).withMaxWait(Duration.ZERO, null));

        UUID deviceId;
        try (Runner onnx = OnnxRunner.create(settings)) {
            deviceId = onboard(onnx);
        }

        var api = new HttpApi(port);
        JsonNode device = api.get("/api/v1/devices/" + deviceId).body();
        JsonNode measurements = api.get("/api/v1/devices/" + deviceId + "/measurements?size=100")
                .body();
        assertThat(device.path("status").asString()).isEqualTo("ready");
        assertThat(device.path("simulated").asBoolean()).isFalse();
        assertThat(device.path("attributes").path("onnxScale").path("hidden").asInt())
                .isEqualTo(64);
        assertTenReferencesAndTheirRepeats(measurements);
        for (JsonNode measurement : measurements.path("items")) {
            assertThat(measurement.path("runtimeVersion").asString()).startsWith("onnxruntime");
            assertThat(measurement.path("agentVersion").asString()).startsWith("tenshot-agent");
            assertThat(measurement.path("latency").path("endToEndMs").asDouble())
                    .isPositive();
            assertThat(measurement.path("repeatCount").asInt()).isEqualTo(3);
            assertThat(measurement
                            .path("runnerSettings")
                            .path("onnxScale")
                            .path("hidden")
                            .asInt())
                    .isEqualTo(64);
            assertThat(measurement.path("simulated").asBoolean()).isFalse();
            JsonNode contention = measurement.path("contention");
            assertThat(contention.path("checked").asBoolean())
                    .as("other processes' CPU time read from /proc")
                    .isEqualTo(Files.isReadable(Path.of("/proc/stat")));
            assertThat(contention.path("attempts").asInt()).isBetween(1, 2);
            assertThat(contention.path("maxMinRatio").asDouble()).isGreaterThanOrEqualTo(1.0);
            if (contention.path("checked").asBoolean()) {
                assertThat(contention.path("otherCpuShare").asDouble()).isBetween(0.0, 1.0);
                assertThat(contention.path("contended").isBoolean()).isTrue();
            }
        }
        // Every stage was run for real: the predictor breaks a prediction down into the measured fixed stages.
        JsonNode predictor =
                api.get("/api/v1/devices/" + deviceId + "/predictor").body();
        JsonNode fixed = predictor.path("fixedStages");
        assertThat(fixed.path("textEncoderMs").asDouble()).isPositive();
        assertThat(fixed.path("vaeDecoderMs").asDouble()).isPositive();
        assertThat(fixed.path("superResolutionMs").asDouble()).isPositive();
        assertThat(fixed.path("otherMs").asDouble())
                .as("the first-frame generator")
                .isPositive();
        boolean peaksReported = measurements
                .path("items")
                .valueStream()
                .allMatch(m -> m.path("peakMemoryBytes").isNumber());
        if (peaksReported) {
            assertThat(predictor.path("peakMemory").path("samples").asInt())
                    .as("every trusted measurement, the ten references among them")
                    .isBetween(10, measurements.path("items").size());
        } else {
            assertThat(predictor.path("peakMemory").isNull()).isTrue();
        }
    }

    @Test
    void onboardsTwelveSimulatedDevicesAtOnceWithNothingLostOrDoubled() throws Exception {
        List<String> zoo = SimRunner.deviceIds().subList(0, 12);
        List<Callable<UUID>> agents = new ArrayList<>();
        for (String simDevice : zoo) {
            agents.add(() -> {
                try (Runner sim = SimRunner.of(simDevice, 7)) {
                    return onboard(sim);
                }
            });
        }

        List<UUID> devices = new ArrayList<>();
        try (var executor = Executors.newFixedThreadPool(zoo.size())) {
            for (Future<UUID> onboarded : executor.invokeAll(agents)) {
                devices.add(onboarded.get());
            }
        }

        var api = new HttpApi(port);
        assertThat(devices).hasSize(12).doesNotHaveDuplicates();
        for (UUID deviceId : devices) {
            JsonNode device = api.get("/api/v1/devices/" + deviceId).body();
            JsonNode measurements = api.get("/api/v1/devices/" + deviceId + "/measurements?size=100")
                    .body();
            JsonNode tasks =
                    api.get("/api/v1/devices/" + deviceId + "/tasks?state=done").body();
            assertThat(device.path("status").asString())
                    .as(device.path("name").asString())
                    .isEqualTo("ready");
            assertThat(device.path("simulated").asBoolean()).isTrue();
            assertThat(device.path("name").asString()).contains("(simulated)");
            assertThat(device.path("measurementCount").asInt()).isEqualTo(10);
            assertThat(measurements.path("totalItems").asInt()).isEqualTo(10);
            assertThat(measurements
                            .path("items")
                            .valueStream()
                            .map(m -> m.path("clientId").asString()))
                    .doesNotHaveDuplicates();
            assertThat(measurements
                            .path("items")
                            .valueStream()
                            .map(m -> m.path("simulated").asBoolean()))
                    .containsOnly(true);
            assertThat(measurements
                            .path("items")
                            .valueStream()
                            .map(m -> m.path("contention").path("checked").asBoolean(true)))
                    .as("a model is never checked for contention")
                    .containsOnly(false);
            assertThat(tasks.path("totalItems").asInt()).isEqualTo(10);
        }
    }

    /**
     * A reference the runner flags contended (this machine is shared) is queued again until one is quiet, at most
     * three measurements of a config: every measurement beyond ten is such a repeat.
     */
    private static void assertTenReferencesAndTheirRepeats(JsonNode measurements) {
        var byConfig = new java.util.HashMap<String, java.util.List<Boolean>>();
        for (JsonNode measurement : measurements.path("items")) {
            byConfig.computeIfAbsent(measurement.path("configHash").asString(), h -> new java.util.ArrayList<>())
                    .add(measurement.path("contention").path("contended").asBoolean(false));
        }
        long contended = byConfig.values().stream()
                .flatMap(java.util.List::stream)
                .filter(c -> c)
                .count();
        long neverQuiet = byConfig.values().stream()
                .filter(flags -> flags.stream().allMatch(c -> c))
                .count();
        assertThat(byConfig).hasSize(10);
        assertThat(byConfig.values()).allSatisfy(flags -> assertThat(flags).hasSizeLessThanOrEqualTo(3));
        assertThat(measurements.path("totalItems").asInt()).isEqualTo(10 + (int) (contended - neverQuiet));
    }

    /** Registers the runner's device with the admin token and runs an agent until the device is calibrated. */
    private UUID onboard(Runner runner) throws InterruptedException {
        var client = new ServiceClient(
                URI.create("http://localhost:" + port),
                HttpApi.ADMIN_TOKEN,
                RetryPolicy.standard(),
                new SplittableRandom(1));
        var registration = client.register(runner.device(), "mmdit-pruning");
        client.useToken(registration.agentToken());
        var quiet = new PrintStream(PrintStream.nullOutputStream());
        var agent =
                new Agent(client, runner, registration.id(), UNTIL_CALIBRATED, Clock.systemUTC(), new Progress(quiet));
        var counts = agent.run();
        // ten references, and again any the runner flagged contended
        assertThat(counts.done()).isBetween(10, 30);
        return registration.id();
    }
}

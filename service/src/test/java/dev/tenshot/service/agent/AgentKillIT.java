package dev.tenshot.service.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.agent.Agent;
import dev.tenshot.agent.Agent.AgentSettings;
import dev.tenshot.agent.Progress;
import dev.tenshot.agent.api.RetryPolicy;
import dev.tenshot.agent.api.ServiceClient;
import dev.tenshot.agent.command.CommandRunner;
import dev.tenshot.agent.command.CommandSettings;
import dev.tenshot.service.HttpApi;
import dev.tenshot.service.ServiceIT;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code kill -9} of an agent process that holds leases: once the leases expire, another agent leases the tasks
 * again, and every task ends with exactly one stored measurement. The other agent runs with {@code
 * --exit-when-idle} and finishes only once the device has nothing queued or leased.
 */
@ServiceIT
class AgentKillIT {

    private static final int LEASE_SECONDS = 3;

    @LocalServerPort
    int port;

    @TempDir
    Path work;

    @Test
    void losesNothingAndDoublesNothingWhenAnAgentIsKilled() throws Exception {
        var api = new HttpApi(port);
        JsonNode registration = api.registerDevice("killed-" + UUID.randomUUID());
        String deviceId = registration.path("id").asString();
        String agentToken = registration.path("agentToken").asString();
        Path tool = slowTool();

        Process doomed = startAgentProcess(agentToken, tool);
        waitUntil(() -> doneTasks(api, deviceId) >= 2, Duration.ofSeconds(60), "the first agent to report twice");
        doomed.destroyForcibly(); // SIGKILL: no shutdown hook, no hand-back; its leases must expire
        doomed.waitFor(10, TimeUnit.SECONDS);
        int doneWhenKilled = doneTasks(api, deviceId);
        int leasedWhenKilled = api.get("/api/v1/devices/" + deviceId + "/tasks?state=leased")
                .body()
                .path("totalItems")
                .asInt();

        // Started with --exit-when-idle while the killed agent's leases are still held: it must wait for them to
        // expire and take the tasks over, not exit "finished" with the device still calibrating.
        var survivor = agent(agentToken, tool, UUID.fromString(deviceId));
        try (var executor = Executors.newSingleThreadExecutor()) {
            executor.submit(survivor::run).get(90, TimeUnit.SECONDS);
        }

        JsonNode device = api.get("/api/v1/devices/" + deviceId).body();
        JsonNode measurements = api.get("/api/v1/devices/" + deviceId + "/measurements?size=100")
                .body();
        JsonNode tasks =
                api.get("/api/v1/devices/" + deviceId + "/tasks?size=100").body();
        assertThat(leasedWhenKilled).as("leases held by the killed agent").isPositive();
        assertThat(doneWhenKilled).isLessThan(10);
        assertThat(device.path("status").asString()).isEqualTo("ready");
        assertThat(device.path("measurementCount").asInt()).isEqualTo(10);
        assertThat(measurements.path("totalItems").asInt()).isEqualTo(10);
        assertThat(measurements
                        .path("items")
                        .valueStream()
                        .map(m -> m.path("clientId").asString()))
                .doesNotHaveDuplicates();
        assertThat(tasks.path("items").valueStream().map(t -> t.path("state").asString()))
                .containsOnly("done");
        assertThat(tasks.path("items")
                        .valueStream()
                        .mapToInt(t -> t.path("attempts").asInt())
                        .max()
                        .orElseThrow())
                .as("some task was leased again after the kill")
                .isGreaterThanOrEqualTo(2);
    }

    /** A stand-in for a slow vendor tool: takes half a second, prints its timing as JSON lines. */
    private Path slowTool() throws Exception {
        Path script = work.resolve("slow-tool.sh");
        Files.writeString(script, """
                #!/bin/sh
                sleep 0.5
                echo '{"stage": "end_to_end", "ms": 512.0}'
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private Process startAgentProcess(String agentToken, Path tool) throws Exception {
        var command = AgentProcess.command(
                port,
                "--runner",
                "command",
                "--command",
                tool + " {task_id}",
                "--parser",
                "jsonl",
                "--batch",
                "5",
                "--lease-seconds",
                Integer.toString(LEASE_SECONDS));
        var process = new ProcessBuilder(command);
        process.environment().put("TENSHOT_TOKEN", agentToken); // never on the command line, where ps shows it
        return process.redirectErrorStream(true)
                .redirectOutput(work.resolve("doomed-agent.log").toFile())
                .start();
    }

    private Agent agent(String agentToken, Path tool, UUID deviceId) {
        var client = new ServiceClient(
                URI.create("http://localhost:" + port), agentToken, RetryPolicy.standard(), new SplittableRandom(2));
        var device = new CommandSettings.Device("survivor", "cpu", "test", "sh", "fp32");
        var runner = CommandRunner.of(CommandSettings.of(List.of(tool.toString(), "{task_id}"), "jsonl", device));
        var settings = new AgentSettings(5, Duration.ofSeconds(LEASE_SECONDS), Duration.ofMillis(250), true);
        return new Agent(
                client,
                runner,
                deviceId,
                settings,
                Clock.systemUTC(),
                new Progress(new PrintStream(PrintStream.nullOutputStream())));
    }

    private static int doneTasks(HttpApi api, String deviceId) {
        return api.get("/api/v1/devices/" + deviceId + "/tasks?state=done")
                .body()
                .path("totalItems")
                .asInt();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}

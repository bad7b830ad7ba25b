package dev.tenshot.service.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.ServiceIT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The agent as a team deploys it: a process given only an enrolment token in a file registers its device, keeps the
 * device's agent token in an owner-only file, and measures the same device again when restarted.
 */
@ServiceIT
class AgentEnrolmentIT {

    @LocalServerPort
    int port;

    @TempDir
    Path work;

    @Test
    void registersWithAnEnrolmentTokenFromAFileAndKeepsItsAgentToken() throws Exception {
        var api = new HttpApi(port);
        HttpApi.Reply enrolment =
                api.post("/api/v1/tokens", HttpApi.ADMIN_TOKEN, "{\"name\": \"lab bench\", \"scope\": \"enrol\"}");
        assertThat(enrolment.status()).as("%s", enrolment.body()).isEqualTo(201);
        Path enrolmentFile = work.resolve("enrolment-token");
        Files.writeString(enrolmentFile, enrolment.body().path("token").asString() + "\n");
        Path tokenFile = work.resolve("agent/token");
        String name = "enrolled-" + UUID.randomUUID();

        String first = runAgent(enrolmentFile, tokenFile, name);
        String again = runAgent(enrolmentFile, tokenFile, name);

        String agentToken = Files.readString(tokenFile).strip();
        JsonNode mine = api.get("/api/v1/devices/me", agentToken).body();
        String deviceId = mine.path("id").asString();
        assertThat(first).contains("registered device " + deviceId).contains("agent token saved to " + tokenFile);
        assertThat(again).doesNotContain("registered device").contains("measuring device " + deviceId);
        assertThat(agentToken).startsWith("tsa_");
        assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(mine.path("name").asString()).startsWith(name);
        assertThat(mine.path("status").asString()).isEqualTo("ready");
        assertThat(mine.path("measurementCount").asInt()).isEqualTo(10);
    }

    @Test
    void anEnrolmentTokenHasNoDeviceOfItsOwn() {
        var api = new HttpApi(port);
        String enrolment = api.post(
                        "/api/v1/tokens", HttpApi.ADMIN_TOKEN, "{\"name\": \"no device\", \"scope\": \"enrol\"}")
                .body()
                .path("token")
                .asString();

        HttpApi.Reply me = api.get("/api/v1/devices/me", enrolment);

        assertThat(me.status()).isEqualTo(404);
        assertThat(me.problemType()).isEqualTo("urn:tenshot:problem:no-device-for-token");
    }

    /** Runs the agent as its own process, with no token in its environment or on its command line. */
    private String runAgent(Path enrolmentFile, Path tokenFile, String name) throws Exception {
        var command = AgentProcess.command(
                port,
                "--runner",
                "sim",
                "--name",
                name,
                "--enrolment-token-file",
                enrolmentFile.toString(),
                "--token-file",
                tokenFile.toString(),
                "--idle-poll-seconds",
                "1",
                "--exit-when-idle");
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("TENSHOT_TOKEN");
        Path log = Files.createTempFile(work, "agent", ".log");
        Process agent = builder.redirectOutput(log.toFile()).start();
        boolean exited = agent.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            agent.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(exited).as("agent exited: %s", output).isTrue();
        assertThat(agent.exitValue()).as("agent exit code: %s", output).isZero();
        return output;
    }
}

package dev.tenshot.service.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.ServiceIT;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Who may do what, with the default settings: reads need a token. */
@ServiceIT
class AccessIT {

    private static final String ADMIN = HttpApi.ADMIN_TOKEN;

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
    }

    @Test
    void refusesAnonymousReadsByDefault() {
        String deviceId =
                api.registerDevice("anonymous-" + UUID.randomUUID()).path("id").asString();

        Reply device = api.get("/api/v1/devices/" + deviceId, null);
        Reply list = api.get("/api/v1/devices", null);
        Reply metrics = api.get("/actuator/prometheus", null);
        Reply health = api.get("/actuator/health", null);

        assertThat(device.status()).isEqualTo(401);
        assertThat(device.isProblem()).isTrue();
        assertThat(device.problemType()).isEqualTo("urn:tenshot:problem:unauthorized");
        assertThat(list.status()).isEqualTo(401);
        assertThat(metrics.status()).isEqualTo(401);
        assertThat(metrics.isProblem()).isTrue();
        assertThat(health.status()).as("health stays public").isEqualTo(200);
        assertThat(health.body().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void letsAReadTokenReadButNotWrite() {
        String reader = createToken("reader", "read");
        String deviceId =
                api.registerDevice("read-" + UUID.randomUUID()).path("id").asString();

        Reply device = api.get("/api/v1/devices/" + deviceId, reader);
        Reply measurements = api.get("/api/v1/devices/" + deviceId + "/measurements", reader);
        Reply metrics = api.get("/actuator/metrics", reader);
        Reply register = api.post("/api/v1/devices", reader, device("by-reader"));
        Reply post = api.post("/api/v1/devices/" + deviceId + "/measurements", reader, measurement("r1"));
        Reply tokens = api.get("/api/v1/access-tokens", reader);

        assertThat(device.status()).isEqualTo(200);
        assertThat(measurements.status()).isEqualTo(200);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(register.status()).isEqualTo(403);
        assertThat(register.problemType()).isEqualTo("urn:tenshot:problem:forbidden");
        assertThat(post.status()).isEqualTo(403);
        assertThat(tokens.status()).as("listing tokens is for admins").isEqualTo(403);
    }

    @Test
    void letsAnEnrolmentTokenRegisterOnly() {
        String enrol = createToken("lab", "enrol");

        Reply registered = api.post("/api/v1/devices", enrol, device("enrolled"));
        String deviceId = registered.body().path("id").asString();
        String agentToken = registered.body().path("agentToken").asString();
        Reply read = api.get("/api/v1/devices/" + deviceId, enrol);
        Reply submit = api.post("/api/v1/search-jobs", enrol, """
                {"devices": ["%s"], "objectives": ["latency", "quality"]}""".formatted(deviceId));
        Reply byItsAgent = api.get("/api/v1/devices/me", agentToken);

        assertThat(registered.status()).isEqualTo(201);
        assertThat(agentToken).startsWith("tsa_");
        assertThat(read.status()).isEqualTo(403);
        assertThat(submit.status()).isEqualTo(403);
        assertThat(byItsAgent.status()).as("the agent token it got back works").isEqualTo(200);
        assertThat(byItsAgent.body().path("id").asString()).isEqualTo(deviceId);
    }

    @Test
    void limitsAnAgentTokenToItsDevice() {
        JsonNode own = api.registerDevice("own-" + UUID.randomUUID());
        String other =
                api.registerDevice("other-" + UUID.randomUUID()).path("id").asString();
        String agent = own.path("agentToken").asString();
        String ownId = own.path("id").asString();

        Reply ownDevice = api.get("/api/v1/devices/" + ownId, agent);
        Reply ownTasks = api.get("/api/v1/devices/" + ownId + "/tasks", agent);
        Reply otherDevice = api.get("/api/v1/devices/" + other, agent);
        Reply otherMeasurements = api.get("/api/v1/devices/" + other + "/measurements", agent);
        Reply allDevices = api.get("/api/v1/devices", agent);
        Reply postForOther = api.post("/api/v1/devices/" + other + "/measurements", agent, measurement("a1"));

        assertThat(ownDevice.status()).isEqualTo(200);
        assertThat(ownTasks.status()).isEqualTo(200);
        assertThat(otherDevice.status()).isEqualTo(403);
        assertThat(otherMeasurements.status()).isEqualTo(403);
        assertThat(allDevices.status()).isEqualTo(403);
        assertThat(postForOther.status()).isEqualTo(403);
    }

    @Test
    void refusesARevokedToken() {
        JsonNode created = created("revoked", "read");
        String secret = created.path("secret").asString();
        String id = created.path("token").path("id").asString();
        assertThat(api.get("/api/v1/devices", secret).status()).isEqualTo(200);

        Reply revoked = api.delete("/api/v1/access-tokens/" + id, ADMIN);
        Reply read = api.get("/api/v1/devices", secret);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().path("revokedAt").isNull()).isFalse();
        assertThat(read.status()).isEqualTo(401);
    }

    @Test
    void refusesTheOldSecretOfARotatedToken() {
        JsonNode created = created("rotated", "read");
        String old = created.path("secret").asString();
        String id = created.path("token").path("id").asString();

        Reply rotated = api.post("/api/v1/access-tokens/" + id + "/rotation", ADMIN, "");
        String fresh = rotated.body().path("secret").asString();

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(fresh).startsWith("tst_").isNotEqualTo(old);
        assertThat(api.get("/api/v1/devices", old).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/devices", fresh).status()).isEqualTo(200);
    }

    @Test
    void listsTokensWithoutTheirSecrets() {
        createToken("listed", "read");

        Reply listed = api.get("/api/v1/access-tokens", ADMIN);

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().findValues("name").stream().map(JsonNode::asString))
                .contains("listed");
        assertThat(listed.body().findValues("secret")).isEmpty();
        assertThat(listed.body().toString()).doesNotContain("tst_").doesNotContain("tokenHash");
    }

    @Test
    void retiresADeviceKeepingItsMeasurements() {
        JsonNode registered = api.registerDevice("kept-" + UUID.randomUUID());
        String id = registered.path("id").asString();
        String agent = registered.path("agentToken").asString();
        assertThat(api.post("/api/v1/devices/" + id + "/measurements", agent, measurement("k1"))
                        .status())
                .isEqualTo(200);

        Reply deleted = api.delete("/api/v1/devices/" + id + "?measurements=keep", ADMIN);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/devices/" + id).body().path("status").asString())
                .isEqualTo("retired");
        assertThat(api.get("/api/v1/devices/" + id + "/measurements").body().path("items"))
                .as("kept for training and history")
                .hasSize(1);
        assertThat(api.get("/api/v1/devices/me", agent).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/devices/" + id + "/tasks/leases", agent, "{\"max\": 1}")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void deletesADeviceWithItsMeasurements() {
        JsonNode registered = api.registerDevice("gone-" + UUID.randomUUID());
        String id = registered.path("id").asString();
        String agent = registered.path("agentToken").asString();
        api.post("/api/v1/devices/" + id + "/measurements", agent, measurement("g1"));

        Reply deleted = api.delete("/api/v1/devices/" + id + "?measurements=delete", ADMIN);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/devices/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/devices/" + id + "/measurements").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/devices/me", agent).status()).isEqualTo(401);
    }

    @Test
    void asksWhatBecomesOfTheMeasurements() {
        String id =
                api.registerDevice("undecided-" + UUID.randomUUID()).path("id").asString();

        Reply missing = api.delete("/api/v1/devices/" + id, ADMIN);
        Reply byReader = api.delete("/api/v1/devices/" + id + "?measurements=keep", createToken("r", "read"));

        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.problemType()).isEqualTo("urn:tenshot:problem:measurements-choice-required");
        assertThat(byReader.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/devices/" + id).body().path("status").asString())
                .isEqualTo("calibrating");
    }

    @Test
    void recordsWhoDidWhat() {
        String enrol = createToken("audited-lab", "enrol");
        String deviceId = api.post("/api/v1/devices", enrol, device("audited"))
                .body()
                .path("id")
                .asString();
        api.delete("/api/v1/devices/" + deviceId + "?measurements=delete", ADMIN);

        Reply audit = api.get("/api/v1/audit?size=1000", ADMIN);

        assertThat(audit.status()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        audit.body()
                .path("items")
                .forEach(row -> rows.add(row.path("action").asString() + " "
                        + row.path("targetId").asString() + " by "
                        + row.path("actor").path("name").asString() + "/"
                        + row.path("actor").path("scope").asString()));
        assertThat(rows)
                .contains(
                        "register-device " + deviceId + " by audited-lab/enrol",
                        "delete-device " + deviceId + " by bootstrap admin token/admin");
        assertThat(audit.body().toString()).doesNotContain("tst_").doesNotContain(ADMIN);
        assertThat(api.get("/api/v1/audit", enrol).status()).isEqualTo(403);
    }

    private String createToken(String name, String scope) {
        return created(name, scope).path("secret").asString();
    }

    /** A token created by the admin: its listing under {@code token}, and its {@code secret}. */
    private JsonNode created(String name, String scope) {
        Reply created = api.post("/api/v1/access-tokens", ADMIN, """
                {"name": "%s", "scope": "%s"}""".formatted(name, scope));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("token").path("scope").asString()).isEqualTo(scope);
        return created.body();
    }

    private static String device(String name) {
        return """
                {"name": "%s", "kind": "cpu", "chipset": "test chipset", "runtime": "onnxruntime-cpu",
                 "precision": "fp32", "simulated": false}""".formatted(name);
    }

    private static String measurement(String clientId) {
        String keep = "[" + "1,".repeat(23) + "1]";
        String widths = "[" + "0.5,".repeat(23) + "1.0]";
        return """
                {"measurements": [{"clientId": "%s", "space": "mmdit-pruning",
                  "config": {"keep": %s, "mlpWidth": %s}, "latency": {"endToEndMs": 42.0},
                  "warmupCount": 1, "repeatCount": 5, "statistic": "median",
                  "measuredAt": "2026-11-24T10:00:00Z"}]}""".formatted(clientId, keep, widths);
    }
}

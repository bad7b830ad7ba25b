package dev.tenshot.service.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.ServiceIT;
import dev.tenshot.service.SimDevices;
import dev.tenshot.service.measurement.TestData;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ServiceIT
class DeviceApiIT {

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
    }

    @Test
    void registersADeviceAndShowsItsTokenOnce() {
        JsonNode registered = api.registerDevice("pixel-" + UUID.randomUUID());
        String id = registered.path("id").asString();

        Reply shown = api.get("/api/v1/devices/" + id);

        assertThat(registered.path("agentToken").asString()).startsWith("tsa_").hasSizeGreaterThan(40);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body().path("status").asString()).isEqualTo("calibrating");
        assertThat(shown.body().path("space").asString()).isEqualTo("mmdit-pruning");
        assertThat(shown.body().path("kind").asString()).isEqualTo("cpu");
        assertThat(shown.body().path("measurementCount").asLong()).isZero();
        assertThat(shown.body().path("attributes").path("cores").asInt()).isEqualTo(2);
        assertThat(shown.body().has("agentToken"))
                .as("token is shown only at registration")
                .isFalse();
    }

    @Test
    void answersRegistrationWithTheDeviceLocation() {
        Reply reply = api.post("/api/v1/devices", HttpApi.ADMIN_TOKEN, validDevice("with-location"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body().path("id").asString()).isNotBlank();
    }

    @Test
    void listsRegisteredDevicesInPages() {
        api.registerDevice("listed-" + UUID.randomUUID());

        Reply page = api.get("/api/v1/devices?page=0&size=1");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("items")).hasSize(1);
        assertThat(page.body().path("totalItems").asLong()).isPositive();
    }

    @Test
    void refusesRegistrationWithoutTheAdminToken() {
        Reply anonymous = api.post("/api/v1/devices", null, validDevice("no-token"));
        Reply wrongToken = api.post("/api/v1/devices", "not-a-token", validDevice("wrong-token"));
        String agentToken = api.registerDevice("agent").path("agentToken").asString();
        Reply agent = api.post("/api/v1/devices", agentToken, validDevice("by-agent"));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.problemType()).isEqualTo("urn:tenshot:problem:unauthorized");
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(agent.status()).isEqualTo(403);
        assertThat(agent.problemType()).isEqualTo("urn:tenshot:problem:forbidden");
    }

    @Test
    void rejectsAnUnknownKindAsMalformed() {
        Reply reply = api.post(
                "/api/v1/devices", HttpApi.ADMIN_TOKEN, validDevice("tpu").replace("cpu", "tpu"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.problemType()).isEqualTo("urn:tenshot:problem:malformed-request");
    }

    @Test
    void rejectsMissingFieldsNamingEachOne() {
        Reply reply = api.post("/api/v1/devices", HttpApi.ADMIN_TOKEN, "{\"name\": \"\", \"simulated\": true}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.problemType()).isEqualTo("urn:tenshot:problem:invalid-request");
        assertThat(reply.body()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("name", "kind", "chipset", "runtime", "precision");
    }

    @Test
    void refusesToCalibrateInAnUnknownSpace() {
        Reply reply = api.post(
                "/api/v1/devices",
                HttpApi.ADMIN_TOKEN,
                validDevice("resnet").replace("\"simulated\": true", "\"simulated\": true, \"space\": \"resnet\""));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("urn:tenshot:problem:unknown-space");
        assertThat(reply.body().path("knownSpaces").valueStream().map(JsonNode::asString))
                .contains("mmdit-pruning", "nasbench201");
    }

    @Test
    void answersAnUnknownDeviceWithNotFound() {
        UUID unknown = UUID.randomUUID();

        Reply reply = api.get("/api/v1/devices/" + unknown);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.problemType()).isEqualTo("urn:tenshot:problem:device-not-found");
        assertThat(reply.body().path("deviceId").asString()).isEqualTo(unknown.toString());
    }

    @Test
    void answersABadIdAsAProblem() {
        Reply reply = api.get("/api/v1/devices/not-a-uuid");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemType()).isEqualTo("urn:tenshot:problem:invalid-parameter");
    }

    @Test
    void retiresADeviceKeepingItsMeasurements() {
        JsonNode registered = measuredDevice("kept");
        String id = registered.path("id").asString();
        String agent = registered.path("agentToken").asString();

        Reply deleted = api.delete("/api/v1/devices/" + id + "?measurements=keep", HttpApi.ADMIN_TOKEN);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(api.get("/api/v1/devices/" + id).body().path("status").asString())
                .isEqualTo("retired");
        assertThat(api.get("/api/v1/devices/" + id + "/measurements").body().path("items"))
                .as("kept for training and history")
                .hasSize(3);
        assertThat(api.get("/api/v1/devices/me", agent).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/devices/" + id + "/tasks/leases", agent, "{\"max\": 1}")
                        .status())
                .isEqualTo(401);
        Reply newToken = api.post("/api/v1/devices/" + id + "/agent-token", HttpApi.ADMIN_TOKEN, "");
        assertThat(newToken.status()).as("a retired device takes no new token").isEqualTo(409);
        assertThat(newToken.problemType()).isEqualTo("urn:tenshot:problem:device-retired");
        assertThat(audit(id)).isEqualTo("device.retire");
    }

    @Test
    void deletesADeviceWithItsMeasurementsAndTasks() {
        JsonNode registered = measuredDevice("gone");
        String id = registered.path("id").asString();
        String agent = registered.path("agentToken").asString();
        assertThat(api.post("/api/v1/devices/" + id + "/tasks/leases", agent, "{\"max\": 2}")
                        .body()
                        .path("tasks"))
                .as("reference tasks, one leased")
                .isNotEmpty();

        Reply deleted = api.delete("/api/v1/devices/" + id + "?measurements=delete", HttpApi.ADMIN_TOKEN);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(api.get("/api/v1/devices/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/devices/" + id + "/measurements").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/devices/me", agent).status()).isEqualTo(401);
        assertThat(audit(id)).isEqualTo("device.delete");
    }

    @Test
    void asksWhatBecomesOfTheMeasurementsAndOnlyAnAdminMayDelete() {
        JsonNode registered = api.registerDevice("undecided-" + UUID.randomUUID());
        String id = registered.path("id").asString();

        Reply undecided = api.delete("/api/v1/devices/" + id, HttpApi.ADMIN_TOKEN);
        Reply byItsAgent = api.delete(
                "/api/v1/devices/" + id + "?measurements=delete",
                registered.path("agentToken").asString());
        Reply anonymous = api.delete("/api/v1/devices/" + id + "?measurements=delete", null);

        assertThat(undecided.status()).isEqualTo(400);
        assertThat(undecided.problemType()).isEqualTo("urn:tenshot:problem:measurements-choice-required");
        assertThat(byItsAgent.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(api.get("/api/v1/devices/" + id).body().path("status").asString())
                .isEqualTo("calibrating");
    }

    @Test
    void refusesToDeleteADeviceAnUnfinishedSearchTargets() throws Exception {
        UUID id = SimDevices.onboard(port, "nvidia-h100-sxm");
        Reply submitted = api.post("/api/v1/search-jobs", HttpApi.ADMIN_TOKEN, """
                {"devices": ["%s"], "objectives": ["latency", "quality"],
                 "budget": {"population": 1000, "generations": 2000}}""".formatted(id));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);

        Reply deleted = api.delete("/api/v1/devices/" + id + "?measurements=delete", HttpApi.ADMIN_TOKEN);
        api.delete("/api/v1/search-jobs/" + submitted.body().path("id").asString(), HttpApi.ADMIN_TOKEN);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(409);
        assertThat(deleted.problemType()).isEqualTo("urn:tenshot:problem:device-busy");
        assertThat(api.get("/api/v1/devices/" + id).body().path("status").asString())
                .isEqualTo("ready");
    }

    private JsonNode measuredDevice(String name) {
        JsonNode registered = api.registerDevice(name + "-" + UUID.randomUUID());
        Reply posted = api.post(
                "/api/v1/devices/" + registered.path("id").asString() + "/measurements",
                registered.path("agentToken").asString(),
                TestData.batchOf(name, 3));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        return registered;
    }

    /** The audit's action on this device after its registration. */
    private String audit(String deviceId) {
        return api.get("/api/v1/audit?size=1000")
                .body()
                .path("items")
                .valueStream()
                .filter(event -> event.path("target").asString().equals(deviceId))
                .map(event -> event.path("action").asString())
                .filter(action -> !action.equals("device.register"))
                .findFirst()
                .orElse("none");
    }

    private static String validDevice(String name) {
        return """
                {"name": "%s", "kind": "cpu", "chipset": "x", "runtime": "onnxruntime-cpu",
                 "precision": "fp32", "simulated": true}
                """.formatted(name);
    }
}

package dev.tenshot.service.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.ServiceIT;
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

    private static String validDevice(String name) {
        return """
                {"name": "%s", "kind": "cpu", "chipset": "x", "runtime": "onnxruntime-cpu",
                 "precision": "fp32", "simulated": true}
                """.formatted(name);
    }
}

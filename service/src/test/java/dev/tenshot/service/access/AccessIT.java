package dev.tenshot.service.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.OpenApiContract;
import dev.tenshot.service.ServiceIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Who may do what, over HTTP, with the service's defaults: no anonymous reads. */
@ServiceIT
class AccessIT {

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
    }

    @Test
    void readsNeedATokenButHealthDoesNot() throws Exception {
        Reply devices = api.get("/api/v1/devices", null);
        HttpResponse<String> metrics = anonymous("/actuator/prometheus");
        HttpResponse<String> health = anonymous("/actuator/health");

        assertThat(devices.status()).isEqualTo(401);
        assertThat(devices.problemType()).isEqualTo("urn:tenshot:problem:unauthorized");
        assertThat(metrics.statusCode()).isEqualTo(401);
        assertThat(metrics.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void aReadTokenReadsEverythingAndChangesNothing() throws Exception {
        JsonNode made = makeToken("dashboards", "read");
        String read = made.path("token").asString();

        Reply devices = api.get("/api/v1/devices", read);
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Authorization", "Bearer " + read)
                .build());
        Reply register = api.post("/api/v1/devices", read, registration("by-reader"));
        Reply tokens = api.get("/api/v1/tokens", read);
        Reply listed = api.get("/api/v1/tokens", HttpApi.ADMIN_TOKEN);

        assertThat(made.path("scope").asString()).isEqualTo("read");
        assertThat(devices.status()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(register.status()).isEqualTo(403);
        assertThat(tokens.status()).isEqualTo(403);
        assertThat(listed.body().valueStream().filter(t -> t.path("id").equals(made.path("id"))))
                .singleElement()
                .satisfies(token -> assertThat(token.has("token"))
                        .as("a listed token has no secret")
                        .isFalse());
    }

    @Test
    void anEnrolmentTokenOnlyRegistersDevices() {
        String enrol = makeToken("lab enrolment", "enrol").path("token").asString();

        Reply registered = api.post("/api/v1/devices", enrol, registration("enrolled-" + UUID.randomUUID()));
        Reply read = api.get("/api/v1/devices", enrol);
        Reply search = api.post(
                "/api/v1/search-jobs",
                enrol,
                "{\"devices\": [\"" + UUID.randomUUID() + "\"]," + " \"objectives\": [\"latency\", \"quality\"]}");

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.body().path("agentToken").asString()).startsWith("tsa_");
        assertThat(read.status()).isEqualTo(403);
        assertThat(search.status()).isEqualTo(403);
        assertThat(audit()).anySatisfy(event -> {
            assertThat(event.path("action").asString()).isEqualTo("device.register");
            assertThat(event.path("actor").asString()).contains("lab enrolment");
            assertThat(event.path("target").asString())
                    .isEqualTo(registered.body().path("id").asString());
        });
    }

    @Test
    void anAgentReadsItsOwnDeviceOnly() {
        JsonNode mine = api.registerDevice("mine-" + UUID.randomUUID());
        JsonNode other = api.registerDevice("other-" + UUID.randomUUID());
        String agent = mine.path("agentToken").asString();

        assertThat(api.get("/api/v1/devices/" + mine.path("id").asString(), agent)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/devices/me", agent).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/devices/" + mine.path("id").asString() + "/tasks", agent)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/spaces", agent).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/devices/" + other.path("id").asString(), agent)
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/devices", agent).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/search-jobs/" + UUID.randomUUID(), agent).status())
                .isEqualTo(403);
    }

    @Test
    void tokensAreRevokedAndRotated() {
        JsonNode read = makeToken("to revoke", "read");
        JsonNode enrol = makeToken("to rotate", "enrol");
        JsonNode device = api.registerDevice("rotated-" + UUID.randomUUID());
        String deviceId = device.path("id").asString();

        Reply revoked = api.delete("/api/v1/tokens/" + read.path("id").asString(), HttpApi.ADMIN_TOKEN);
        Reply rotated =
                api.post("/api/v1/tokens/" + enrol.path("id").asString() + "/rotation", HttpApi.ADMIN_TOKEN, "");
        Reply newAgentToken = api.post("/api/v1/devices/" + deviceId + "/agent-token", HttpApi.ADMIN_TOKEN, "");

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/devices", read.path("token").asString()).status())
                .isEqualTo(401);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(api.post("/api/v1/devices", enrol.path("token").asString(), registration("old-secret"))
                        .status())
                .as("the rotated-out secret")
                .isEqualTo(401);
        assertThat(api.post("/api/v1/devices", rotated.body().path("token").asString(), registration("new-secret"))
                        .status())
                .isEqualTo(201);
        assertThat(api.get("/api/v1/devices/me", device.path("agentToken").asString())
                        .status())
                .as("the device's old agent token")
                .isEqualTo(401);
        assertThat(api.get(
                                "/api/v1/devices/me",
                                newAgentToken.body().path("agentToken").asString())
                        .status())
                .isEqualTo(200);
        assertThat(audit())
                .extracting(event -> event.path("action").asString() + " "
                        + event.path("target").asString())
                .contains(
                        "token.revoke " + read.path("id").asString(),
                        "token.rotate " + enrol.path("id").asString(),
                        "device.rotate-agent-token " + deviceId);
    }

    private JsonNode makeToken(String name, String scope) {
        Reply made = api.post(
                "/api/v1/tokens", HttpApi.ADMIN_TOKEN, "{\"name\": \"%s\", \"scope\": \"%s\"}".formatted(name, scope));
        assertThat(made.status()).as("token: %s", made.body()).isEqualTo(201);
        return made.body();
    }

    private List<JsonNode> audit() {
        return api.get("/api/v1/audit?size=1000", HttpApi.ADMIN_TOKEN)
                .body()
                .path("items")
                .valueStream()
                .toList();
    }

    private static String registration(String name) {
        return """
                {"name": "%s", "kind": "cpu", "chipset": "x", "runtime": "r", "precision": "fp32", "simulated": true}
                """.formatted(name);
    }

    private HttpResponse<String> anonymous(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return OpenApiContract.checked(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}

package dev.tenshot.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP against the running service, the way agents and users talk to it. Every answer is checked against the
 * committed OpenAPI document ({@link OpenApiContract}): a status, media type or body the document does not promise
 * fails the test that received it.
 */
public final class HttpApi {

    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;

    public HttpApi(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    /**
     * The device's predictor status once its fit covers at least {@code samples} measurements (refits run in the
     * background; the last fit is served meanwhile), or the last status after 20 s.
     */
    public Reply predictorWithSamples(Object deviceId, int samples) {
        Reply status = get("/api/v1/devices/" + deviceId + "/predictor");
        for (long deadline = System.nanoTime() + 20_000_000_000L;
                status.body().path("samples").asInt() < samples && System.nanoTime() < deadline; ) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            status = get("/api/v1/devices/" + deviceId + "/predictor");
        }
        return status;
    }

    /** Reads with the admin token (the service has no anonymous reads unless configured). */
    public Reply get(String path) {
        return get(path, ADMIN_TOKEN);
    }

    public Reply get(String path, @Nullable String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), token);
    }

    public Reply delete(String path, @Nullable String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), token);
    }

    public Reply post(String path, @Nullable String token, String body) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request, token);
    }

    /** Registers a device with the admin token and answers the registration (id and agent token). */
    public JsonNode registerDevice(String name) {
        Reply reply = post("/api/v1/devices", ADMIN_TOKEN, """
                {"name": "%s", "kind": "cpu", "chipset": "test chipset", "runtime": "onnxruntime-cpu",
                 "precision": "fp32", "attributes": {"cores": 2}, "simulated": false}
                """.formatted(name));
        if (reply.status() != 201) {
            throw new IllegalStateException("registration failed: " + reply);
        }
        return reply.body();
    }

    private Reply send(HttpRequest.Builder request, @Nullable String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response =
                    OpenApiContract.checked(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), contentType, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, content type and parsed JSON body. */
    public record Reply(int status, String contentType, JsonNode body) {

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        public String problemType() {
            return body.path("type").asString();
        }
    }
}

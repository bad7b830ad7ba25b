package dev.tenshot.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The contract check refuses what the committed document does not promise, and passes what it does. */
class OpenApiContractTest {

    private static final String DEVICE = "/api/v1/devices/0bb58682-785b-4ebc-a5c8-87923f2f8ef5";
    private final OpenApiContract contract = OpenApiContract.committed();

    @Test
    void passesADocumentedAnswer() {
        JsonNode device = json("""
                {"id": "0bb58682-785b-4ebc-a5c8-87923f2f8ef5", "name": "phone", "lastSeenAt": null}""");

        assertThatCode(() -> contract.check("GET", DEVICE, 200, "application/json", device))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesABodyOfTheWrongShape() {
        assertThatThrownBy(() -> contract.check("GET", DEVICE, 200, "application/json", json("{\"id\": 5}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/id");
    }

    @Test
    void refusesAProblemWhoseStatusIsNotTheHttpStatus() {
        JsonNode problem = json("""
                {"type": "urn:tenshot:problem:device-not-ready", "title": "t", "status": "calibrating"}""");

        assertThatThrownBy(
                        () -> contract.check("POST", DEVICE + "/predictions", 409, "application/problem+json", problem))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/status");
    }

    @Test
    void refusesAnUndocumentedStatusOrMediaTypeAndEveryServerError() {
        JsonNode problem = json("{\"type\": \"urn:tenshot:problem:x\", \"title\": \"t\", \"status\": 500}");

        assertThatThrownBy(() -> contract.check("GET", DEVICE, 418, "application/problem+json", problem))
                .hasMessageContaining("status not documented");
        assertThatThrownBy(() -> contract.check("GET", DEVICE, 200, "text/plain", null))
                .hasMessageContaining("media type");
        assertThatThrownBy(() -> contract.check("GET", DEVICE, 500, "application/problem+json", problem))
                .hasMessageContaining("failed");
    }

    @Test
    void prefersTheLiteralPathOverATemplate() {
        JsonNode problem = json("""
                {"type": "urn:tenshot:problem:no-device-for-token", "title": "t", "status": 404}""");

        assertThatCode(() -> contract.check("GET", "/api/v1/devices/me", 404, "application/problem+json", problem))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.check("GET", "/api/v1/devices/me", 200, "application/json", json("[]")))
                .isInstanceOf(AssertionError.class);
    }

    private static JsonNode json(String text) {
        return HttpApi.JSON.readTree(text);
    }
}

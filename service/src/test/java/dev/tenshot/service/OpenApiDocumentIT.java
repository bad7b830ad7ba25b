package dev.tenshot.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * The served OpenAPI document is the committed {@code docs/openapi.json}, and it is a contract a generated client
 * can use: no internal parameters, bearer tokens declared per operation, every error a problem. After a deliberate
 * change to the API, refresh the committed copy with {@code -Dopenapi.update=true} (this test then writes it).
 */
@ServiceIT
class OpenApiDocumentIT {

    @LocalServerPort
    int port;

    JsonNode served;

    @BeforeEach
    void fetch() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        served = HttpApi.JSON.readTree(response.body());
    }

    @Test
    void isTheCommittedDocument() throws Exception {
        Path committed = OpenApiContract.committedDocument();
        String pretty = HttpApi.JSON
                        .rebuild()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .build()
                        .writeValueAsString(served)
                + "\n";
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(committed, pretty);
        }
        Path servedCopy = Path.of("target/openapi-served.json");
        Files.writeString(servedCopy, pretty);

        assertThat(HttpApi.JSON.readTree(Files.readString(committed)))
                .as(
                        "the served document differs from %s; if the API change is deliberate, run this test with"
                                + " -Dopenapi.update=true (or copy %s) and commit it",
                        committed, servedCopy.toAbsolutePath())
                .isEqualTo(served);
    }

    @Test
    void hasNoInternalParameters() {
        List<String> parameters = new ArrayList<>();
        operations()
                .forEach((name, operation) -> operation
                        .path("parameters")
                        .forEach(p -> parameters.add(name + " " + p.path("name").asString())));

        assertThat(parameters).noneMatch(p -> p.endsWith(" caller") || p.endsWith(" Accept-Encoding"));
    }

    @Test
    void namesEveryOperationOnceWithATagASummaryAndItsTokens() {
        java.util.Collection<String> schemes =
                served.path("components").path("securitySchemes").propertyNames();
        Set<String> ids = new HashSet<>();

        assertThat(schemes).containsExactlyInAnyOrder("admin", "agent", "enrolment", "read");
        operations().forEach((name, operation) -> {
            assertThat(operation.path("operationId").asString())
                    .as(name)
                    .matches("[a-z][A-Za-z]+")
                    .doesNotContain("_");
            assertThat(ids.add(operation.path("operationId").asString()))
                    .as("unique id: %s", name)
                    .isTrue();
            assertThat(operation.path("tags")).as(name).hasSize(1);
            assertThat(operation.path("summary").asString()).as(name).isNotBlank();
            assertThat(operation.path("security").valueStream().flatMap(r -> r.propertyNames().stream()))
                    .as(name)
                    .isNotEmpty()
                    .allMatch(schemes::contains)
                    .contains("admin");
        });
    }

    @Test
    void documentsEveryAnswerWithItsMediaTypeAndEveryErrorAsAProblem() {
        operations().forEach((name, operation) -> {
            JsonNode responses = operation.path("responses");
            assertThat(responses.propertyNames()).as(name).anyMatch(status -> status.startsWith("2"));
            assertThat(responses.propertyNames()).as(name).contains("400", "401", "403", "503");
            responses.properties().forEach(entry -> {
                String status = entry.getKey();
                java.util.Collection<String> media =
                        entry.getValue().path("content").propertyNames();
                assertThat(media).as("%s %s", name, status).doesNotContain("*/*");
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(media).as("%s %s", name, status).containsExactly("application/problem+json");
                    assertThat(entry.getValue()
                                    .path("content")
                                    .path("application/problem+json")
                                    .path("schema")
                                    .path("$ref")
                                    .asString())
                            .isEqualTo("#/components/schemas/Problem");
                } else if (!status.equals("304")) {
                    assertThat(media).as("%s %s", name, status).isNotEmpty();
                }
            });
        });
        assertThat(served.at("/paths/~1api~1v1~1devices/post/responses").propertyNames())
                .as("registration answers 201")
                .contains("201")
                .doesNotContain("200");
        assertThat(served.at("/paths/~1api~1v1~1search-jobs~1{id}~1events/get/responses/200/content")
                        .propertyNames())
                .containsExactly("text/event-stream");
    }

    @Test
    void declaresNullableFieldsAsNullable() {
        JsonNode lastSeen = served.at("/components/schemas/DeviceResponse/properties/lastSeenAt/type");

        assertThat(lastSeen.valueStream().map(JsonNode::asString)).contains("null", "string");
    }

    private Map<String, JsonNode> operations() {
        var operations = new java.util.LinkedHashMap<String, JsonNode>();
        served.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(op -> operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue())));
        assertThat(operations).hasSizeGreaterThan(30);
        return operations;
    }
}

package dev.tenshot.service;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The committed OpenAPI document ({@code docs/openapi.json}) as a check on the service's answers: the status must be
 * one the operation documents, the media type one it documents for that status, and a JSON body must match the
 * documented schema. {@link HttpApi} checks every response of the integration tests with it; {@code
 * OpenApiDocumentIT} checks that the served document is the committed one.
 */
public final class OpenApiContract {

    /** Statuses Spring MVC gives before any operation runs (wrong method, media type or accept): a problem each. */
    private static final List<Integer> PROTOCOL_STATUSES = List.of(405, 406, 415);

    private static final OpenApiContract COMMITTED = new OpenApiContract(read(committedDocument()));

    private final JsonNode document;
    private final List<PathTemplate> paths;
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        this.paths = document.path("paths").propertyNames().stream()
                .map(PathTemplate::of)
                // a literal path (/devices/me) wins over a template that also matches it (/devices/{deviceId})
                .sorted(Comparator.comparingInt(PathTemplate::parameters))
                .toList();
    }

    public static OpenApiContract committed() {
        return COMMITTED;
    }

    /** {@code docs/openapi.json} of this checkout (tests run in the service module). */
    public static Path committedDocument() {
        return Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .resolve("../docs/openapi.json")
                .normalize();
    }

    public JsonNode document() {
        return document;
    }

    /**
     * Throws an {@link AssertionError} naming every way the answer differs from the document. Paths the document does
     * not have (routes that do not exist, the actuator) are checked only for being problems when they fail.
     */
    public void check(String method, String pathAndQuery, int status, String contentType, @Nullable JsonNode body) {
        String path = pathAndQuery.split("\\?", 2)[0];
        String mediaType = contentType.split(";", 2)[0].strip();
        String call = method + " " + pathAndQuery + " -> " + status;
        if (status >= 500 && status != 503) {
            throw new AssertionError(call + ": the service failed (" + body + ")");
        }
        Optional<PathTemplate> template =
                paths.stream().filter(t -> t.matches(path)).findFirst();
        JsonNode operation = template.map(
                        t -> document.path("paths").path(t.template()).path(method.toLowerCase()))
                .orElse(null);
        if (operation == null || operation.isMissingNode()) {
            if (status >= 400) {
                checkBody(call, problemSchema(), mediaType, "application/problem+json", body);
            }
            return;
        }
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            if (PROTOCOL_STATUSES.contains(status)) {
                checkBody(call, problemSchema(), mediaType, "application/problem+json", body);
                return;
            }
            throw new AssertionError(call + ": status not documented for "
                    + operation.path("operationId").asString() + " (documented: "
                    + operation.path("responses").propertyNames() + "); body " + body);
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return; // no body documented (304)
        }
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            throw new AssertionError(call + ": media type " + mediaType + " not documented (documented: "
                    + content.propertyNames() + ")");
        }
        if (mediaType.endsWith("json") && body != null) {
            checkBody(call, media.path("schema"), mediaType, mediaType, body);
        }
    }

    /** Checks a response received with a plain {@link HttpClient} against the committed document, and answers it. */
    public static HttpResponse<String> checked(HttpResponse<String> response) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode body = null;
        if (contentType.contains("json") && !response.body().isEmpty()) {
            body = HttpApi.JSON.readTree(response.body());
        }
        URI uri = response.request().uri();
        committed()
                .check(
                        response.request().method(),
                        uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                        response.statusCode(),
                        contentType,
                        body);
        return response;
    }

    private void checkBody(
            String call, JsonNode schema, String mediaType, String expectedMediaType, @Nullable JsonNode body) {
        if (!mediaType.equals(expectedMediaType)) {
            throw new AssertionError(call + ": answered " + mediaType + ", not " + expectedMediaType);
        }
        if (body == null) {
            return;
        }
        List<Error> errors = compiled.computeIfAbsent(schema.toString(), s -> compile(schema))
                .validate(body);
        if (!errors.isEmpty()) {
            List<String> messages = new ArrayList<>();
            errors.stream().limit(10).forEach(e -> messages.add(e.toString()));
            String shown = body.toString();
            throw new AssertionError(call + ": body does not match the documented schema " + schema + ": " + messages
                    + "\nbody: " + (shown.length() > 2_000 ? shown.substring(0, 2_000) + "..." : shown));
        }
    }

    private JsonNode problemSchema() {
        return HttpApi.JSON.createObjectNode().put("$ref", "#/components/schemas/Problem");
    }

    /** The schema with the document's components beside it, so that its {@code $ref}s resolve. */
    private Schema compile(JsonNode schema) {
        ObjectNode root = HttpApi.JSON.createObjectNode();
        root.setAll((ObjectNode) schema.deepCopy());
        root.set("components", document.path("components"));
        return schemas.getSchema(root);
    }

    private static JsonNode read(Path document) {
        try {
            return HttpApi.JSON.readTree(Files.readString(document));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the committed OpenAPI document " + document, e);
        }
    }

    private record PathTemplate(String template, Pattern pattern, int parameters) {

        static PathTemplate of(String template) {
            String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            int parameters = (int) template.chars().filter(c -> c == '{').count();
            return new PathTemplate(template, Pattern.compile(regex), parameters);
        }

        boolean matches(String path) {
            return pattern.matcher(path).matches();
        }
    }
}

package dev.tenshot.service.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.method.HandlerMethod;

/**
 * Every operation's error responses, as problem details: those every operation can give (a bad parameter, a missing
 * or weak token, an oversized or malformed body, a database outage) are added here; those of one operation are
 * declared on it with {@code @ApiResponse} and given the problem schema here.
 */
final class ProblemDocs {

    static final String SCHEMA = "Problem";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String REF = "#/components/schemas/" + SCHEMA;

    private ProblemDocs() {}

    static Operation document(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            responses = new ApiResponses();
            operation.setResponses(responses);
        }
        boolean secured =
                operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasPathParameters = operation.getParameters() != null
                && operation.getParameters().stream().map(Parameter::getIn).anyMatch("path"::equals);

        addIfAbsent(
                responses,
                "400",
                hasBody
                        ? "`malformed-request`: the body is not JSON, has unknown fields or wrong value types;"
                                + " `invalid-parameter`: a path or query parameter of the wrong type or out of range"
                        : "`invalid-parameter`: a path or query parameter of the wrong type or out of range");
        if (secured) {
            addIfAbsent(responses, "401", "`unauthorized`: no token, or an unknown, revoked or rotated-out one");
            addIfAbsent(responses, "403", "`forbidden`: the token's scope does not allow this operation");
        }
        if (hasPathParameters) {
            addIfAbsent(responses, "404", "`*-not-found`: no such resource (the problem names it)");
        }
        if (hasBody) {
            addIfAbsent(responses, "413", "`body-too-large`: a body over the service's limit, refused unread");
            addIfAbsent(
                    responses,
                    "422",
                    "`invalid-request`: a field is missing or out of range; `errors` lists each field and why");
        }
        addIfAbsent(responses, "503", "`service-unavailable`: the database is unreachable; nothing was changed")
                .addHeaderObject(
                        "Retry-After",
                        new Header()
                                .description("Seconds to wait before retrying")
                                .schema(new JsonSchema().types(Set.of("integer"))));
        responses.forEach((status, response) -> {
            if (status.equals("304")) {
                response.setContent(null); // no body
            } else if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(problemRef())));
            }
        });
        return operation;
    }

    /** The RFC 9457 problem, with the fields the service adds: the invalid fields and, for some, the device. */
    static void addSchema(OpenAPI openApi) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "type",
                string("urn:tenshot:problem:<slug>, e.g. urn:tenshot:problem:invalid-request")
                        .format("uri"));
        properties.put("title", string("A short, human-readable summary of the problem type"));
        properties.put("status", new JsonSchema().types(Set.of("integer")).description("The HTTP status"));
        properties.put("detail", string("What went wrong with this request"));
        properties.put("instance", string("The request path").format("uri-reference"));
        properties.put(
                "errors",
                new JsonSchema()
                        .types(Set.of("array"))
                        .description("Each invalid field of the request and why (422 problems)")
                        .items(new JsonSchema()
                                .types(Set.of("object"))
                                .addProperty("field", string("The field's path, e.g. measurements[3].latency"))
                                .addProperty("detail", string("What is wrong with it"))
                                .required(List.of("field", "detail"))));
        openApi.getComponents()
                .addSchemas(
                        SCHEMA,
                        new JsonSchema()
                                .types(Set.of("object"))
                                .description("An RFC 9457 problem (application/problem+json); other fields may name"
                                        + " what the problem is about, e.g. deviceId")
                                .properties(properties)
                                .required(List.of("type", "title", "status")));
    }

    private static ApiResponse addIfAbsent(ApiResponses responses, String status, String description) {
        return responses.computeIfAbsent(status, s -> new ApiResponse().description(description));
    }

    private static Schema<?> problemRef() {
        return new JsonSchema().$ref(REF);
    }

    private static Schema<?> string(String description) {
        return new JsonSchema().types(Set.of("string")).description(description);
    }
}

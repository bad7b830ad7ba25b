package dev.tenshot.service.openapi;

import dev.tenshot.service.access.Caller;
import dev.tenshot.service.access.Tokens;
import dev.tenshot.space.SearchSpaces;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document: its front page, the bearer tokens, the problem responses of every operation and the
 * nullability of every field, so that what {@code /v3/api-docs} says is what the service answers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // the caller is resolved from the Authorization header, never sent as a parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        // free-form JSON (attributes, runner settings) is any JSON value, not Jackson's node class
        SpringDocUtils.getConfig()
                .replaceWithSchema(
                        JsonNode.class, new io.swagger.v3.oas.models.media.JsonSchema().description("any JSON value"));
    }

    @Bean
    OpenAPI tenshotOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("tenshot API")
                        .version("v1")
                        .description("Devices and their measured latencies, few-shot latency predictors and Pareto"
                                + " searches for diffusion-transformer denoisers. Every error is an RFC 9457 problem"
                                + " (application/problem+json) whose `type` is `urn:tenshot:problem:<slug>`. Calls"
                                + " take `Authorization: Bearer <token>`; each operation lists the tokens it takes."))
                // relative: the document is the same whichever host and port serve it
                .servers(List.of(new Server().url("/").description("The service that serves this document")))
                .components(new Components()
                        .addSecuritySchemes(Tokens.ADMIN, bearer("The admin token: everything."))
                        .addSecuritySchemes(
                                Tokens.AGENT,
                                bearer("A device's agent token: its own device's tasks, measurements and reads."))
                        .addSecuritySchemes(
                                Tokens.ENROLMENT, bearer("An enrolment token: registers devices, reads nothing."))
                        .addSecuritySchemes(Tokens.READ, bearer("A read token: reads everything, changes nothing.")));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return ProblemDocs::document;
    }

    @Bean
    OpenApiCustomizer problemsConfigsAndNullableFields(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers,
            SearchSpaces spaces,
            JsonMapper json) {
        return openApi -> {
            ProblemDocs.addSchema(openApi);
            NullableFields.mark(openApi, handlers);
            ConfigSchemas.add(openApi, spaces, json);
        };
    }

    private static SecurityScheme bearer(String description) {
        return new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description(description);
    }
}

package dev.tenshot.service.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's front page, served at {@code /v3/api-docs} and {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI tenshotOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("tenshot API")
                        .version("v1")
                        .description("Devices, measured latencies and (coming) few-shot latency predictors and"
                                + " Pareto searches for diffusion-transformer denoisers. Errors are RFC 9457"
                                + " problem details; writes take 'Authorization: Bearer <admin or agent token>'."));
    }
}

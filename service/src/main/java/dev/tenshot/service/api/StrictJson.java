package dev.tenshot.service.api;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies say what they mean: {@code 1.5} is not an integer and {@code "12"} is not a latency (Jackson
 * coerces both by default), and a NUL in a string is replaced by U+FFFD, since PostgreSQL cannot store it and H2
 * can: the same input then reads the same on both, and a tool whose output holds a NUL can still report its failure.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    static final char NUL = '\0';
    static final char REPLACEMENT = '\uFFFD';

    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(
                        LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .addModule(new SimpleModule("tenshot-nul-free-strings").addDeserializer(String.class, new NulFree()));
    }

    /** Jackson's own string reading, with NUL replaced. */
    static final class NulFree extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            return value == null || value.indexOf(NUL) < 0 ? value : value.replace(NUL, REPLACEMENT);
        }
    }
}

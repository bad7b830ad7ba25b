package dev.tenshot.service.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A free-form JSON value (a config, a device's attributes, a runner's settings) the service will store and serve
 * again: at most {@code maxBytes} of UTF-8 JSON, nested at most {@value Validator#MAX_DEPTH} deep, and no NUL
 * character in any key or string (PostgreSQL's {@code jsonb} cannot hold one). Without the bound one 25 MB
 * string made every page of measurements weigh 48 MB.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = BoundedJson.Validator.class)
public @interface BoundedJson {

    /** The bound for configs, attributes and runner settings: far above any honest one. */
    int DEFAULT_MAX_BYTES = 16 * 1024;

    int maxBytes() default DEFAULT_MAX_BYTES;

    String message() default "must be JSON of at most {maxBytes} bytes, nested at most 16 deep, without NUL characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<BoundedJson, JsonNode> {

        static final int MAX_DEPTH = 16;
        private int maxBytes;

        @Override
        public void initialize(BoundedJson bound) {
            maxBytes = bound.maxBytes();
        }

        @Override
        public boolean isValid(@Nullable JsonNode value, ConstraintValidatorContext context) {
            return value == null
                    || (isClean(value, 0) && value.toString().getBytes(StandardCharsets.UTF_8).length <= maxBytes);
        }

        private static boolean isClean(JsonNode node, int depth) {
            if (depth > MAX_DEPTH) {
                return false;
            }
            if (node.isString()) {
                return node.asString().indexOf('\0') < 0;
            }
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (field.getKey().indexOf('\0') >= 0 || !isClean(field.getValue(), depth + 1)) {
                        return false;
                    }
                }
            } else if (node.isArray()) {
                for (JsonNode element : node) {
                    if (!isClean(element, depth + 1)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}

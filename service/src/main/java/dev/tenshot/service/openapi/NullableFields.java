package dev.tenshot.service.openapi;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Marks as nullable ({@code "type": [..., "null"]}) every field of the API's records that is declared
 * {@code @Nullable}: the service writes such fields as {@code null}, and a client generated from a document that
 * said otherwise would fail to read them. Swagger's model reader does not see JSpecify's type-use annotations, so
 * the records reachable from the controllers' bodies
 * are read here.
 */
final class NullableFields {

    private NullableFields() {}

    static void mark(OpenAPI openApi, RequestMappingHandlerMapping handlers) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Set<Class<?>> records = new LinkedHashSet<>();
        for (HandlerMethod handler : handlers.getHandlerMethods().values()) {
            collect(ResolvableType.forMethodReturnType(handler.getMethod()), records);
            // bodies written as bytes name their record in the operation's @ApiResponse
            for (ApiResponse response : handler.getMethod().getAnnotationsByType(ApiResponse.class)) {
                for (Content content : response.content()) {
                    collect(ResolvableType.forClass(content.schema().implementation()), records);
                }
            }
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    collect(ResolvableType.forMethodParameter(parameter), records);
                }
            }
        }
        for (Class<?> record : records) {
            Schema<?> schema = schemas.get(schemaName(record));
            if (schema == null || schema.getProperties() == null) {
                continue;
            }
            for (RecordComponent component : record.getRecordComponents()) {
                Schema<?> property = schema.getProperties().get(component.getName());
                if (property != null && component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                    schema.getProperties().put(component.getName(), nullable(property));
                }
            }
        }
    }

    /** The records a type is or holds (in type arguments, arrays and record components), depth first. */
    private static void collect(ResolvableType type, Set<Class<?>> records) {
        Class<?> raw = type.resolve();
        if (raw == null) {
            return;
        }
        for (ResolvableType argument : type.getGenerics()) {
            collect(argument, records);
        }
        if (raw.isArray()) {
            collect(type.getComponentType(), records);
        }
        if (raw.isRecord() && records.add(raw)) {
            for (RecordComponent component : raw.getRecordComponents()) {
                collect(ResolvableType.forType(component.getGenericType(), type), records);
            }
        }
    }

    private static String schemaName(Class<?> record) {
        var named = record.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        return named != null && !named.name().isEmpty() ? named.name() : record.getSimpleName();
    }

    private static Schema<?> nullable(Schema<?> property) {
        if (property.get$ref() != null) {
            return new JsonSchema()
                    .anyOf(List.of(property, new JsonSchema().types(Set.of("null"))))
                    .description(property.getDescription());
        }
        Set<String> types = new java.util.TreeSet<>(property.getTypes() == null ? Set.of() : property.getTypes());
        if (property.getType() != null) {
            types.add(property.getType());
        }
        if (types.isEmpty()) {
            return property; // any JSON value: null included
        }
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            property.addEnumItemObject(null);
        }
        return property;
    }
}

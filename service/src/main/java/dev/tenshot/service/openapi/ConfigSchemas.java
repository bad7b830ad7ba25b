package dev.tenshot.service.openapi;

import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SearchSpaces;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configs as what they are: each space's own schema ({@link SearchSpace#configSchema()}) as a component
 * {@code <Space>Config}, and a {@code Config} that is any of them, referenced by every {@code config} and {@code
 * configs} field of the API (which Java holds as free JSON trees, checked by the space).
 */
final class ConfigSchemas {

    static final String CONFIG = "Config";

    private ConfigSchemas() {}

    static void add(OpenAPI openApi, SearchSpaces spaces, JsonMapper json) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        List<Schema> anyOf = new ArrayList<>();
        for (SearchSpace space : spaces.all()) {
            String name = componentName(space.name());
            schemas.put(name, json.convertValue(space.configSchema(), JsonSchema.class));
            anyOf.add(ref(name));
        }
        schemas.put(
                CONFIG,
                new JsonSchema()
                        .description("A config of one of the service's search spaces; the space is named beside it")
                        .anyOf(anyOf));
        schemas.values().forEach(ConfigSchemas::referenceConfigs);
    }

    private static void referenceConfigs(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().computeIfPresent("config", (name, property) -> keepNull(property, ref(CONFIG)));
        schema.getProperties()
                .computeIfPresent(
                        "configs",
                        (name, property) -> property.getItems() == null ? property : property.items(ref(CONFIG)));
    }

    private static Schema<?> keepNull(Schema<?> property, Schema<?> replacement) {
        boolean nullable = property.getTypes() != null && property.getTypes().contains("null");
        return nullable
                ? new JsonSchema().anyOf(List.of(replacement, new JsonSchema().types(Set.of("null"))))
                : replacement;
    }

    /** {@code mmdit-pruning} -> {@code MmditPruningConfig}. */
    static String componentName(String space) {
        var name = new StringBuilder();
        for (String part : space.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.append("Config").toString();
    }

    private static Schema<?> ref(String component) {
        return new JsonSchema().$ref("#/components/schemas/" + component);
    }
}

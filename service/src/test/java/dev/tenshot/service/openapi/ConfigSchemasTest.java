package dev.tenshot.service.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SearchSpaces;
import dev.tenshot.space.SpaceConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Each space's config schema accepts the configs the space makes and refuses configs of the wrong shape. */
class ConfigSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Iterable<SearchSpace> spaces() {
        return SearchSpaces.builtIn().all();
    }

    @ParameterizedTest
    @MethodSource("spaces")
    void acceptsEveryReferenceConfig(SearchSpace space) {
        Schema schema = schema(space);

        for (SpaceConfig config : space.referenceConfigs()) {
            assertThat(schema.validate(config.toJson()))
                    .as("%s", config.toJson())
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("spaces")
    void refusesAnUnknownFieldAndAnEmptyConfig(SearchSpace space) {
        Schema schema = schema(space);
        ObjectNode withExtra = ((ObjectNode) space.referenceConfigs().getFirst().toJson()).deepCopy();
        withExtra.put("unknown", 1);

        assertThat(schema.validate(withExtra)).isNotEmpty();
        assertThat(schema.validate(JSON.createObjectNode())).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("spaces")
    void agreesWithTheSpaceOnAWrongLengthOrChoice(SearchSpace space) {
        String config = space.referenceConfigs().getFirst().toJson().toString();
        // one block too many (MMDiT), or an edge from a node that does not exist (NAS-Bench-201)
        JsonNode broken = JSON.readTree(
                config.contains("keep") ? config.replaceFirst("\\[", "[true,") : config.replace("~0", "~3"));

        assertThat(space.check(broken)).isInstanceOf(ConfigCheck.Invalid.class);
        assertThat(schema(space).validate(broken)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("spaces")
    void namesTheComponentAfterTheSpace(SearchSpace space) {
        assertThat(ConfigSchemas.componentName(space.name())).endsWith("Config").doesNotContain("-");
    }

    private static Schema schema(SearchSpace space) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(space.configSchema());
    }
}

package dev.tenshot.service.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.ServiceIT;
import dev.tenshot.service.predictor.MetaModels;
import dev.tenshot.space.SearchSpaces;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Health answers everyone its status, and the admin token also its components: database, meta-models, connector. */
@ServiceIT
class HealthIT {

    private static final String SPACE = "mmdit-pruning";

    @LocalServerPort
    int port;

    @Autowired
    MetaModels metaModels;

    @Autowired
    SearchSpaces spaces;

    HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
    }

    @Test
    void showsTheAdminTheDatabaseAndEachSpacesMetaModel() {
        MetaModels.Versioned serving = metaModels.train(SPACE);

        Reply health = api.get("/actuator/health", HttpApi.ADMIN_TOKEN);

        JsonNode components = health.body().path("components");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asString()).isEqualTo("UP");
        assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("db").path("details").path("database").asString())
                .isEqualTo("PostgreSQL");
        assertThat(components.path("connector").path("status").asString()).isEqualTo("UP");
        JsonNode metaModel = components.path("metaModel");
        assertThat(metaModel.path("status").asString()).isEqualTo("UP");
        assertThat(metaModel.path("details").path(SPACE).path("state").asString())
                .isEqualTo("ready");
        assertThat(metaModel.path("details").path(SPACE).path("version").asLong())
                .isEqualTo(serving.version());
        assertThat(metaModel.path("details").path(SPACE).path("sourceDevices").asInt())
                .isEqualTo(serving.model().provenance().sourceDevices().size())
                .isGreaterThanOrEqualTo(3);
        assertThat(spaces.all())
                .hasSizeGreaterThan(1)
                .allSatisfy(space -> assertThat(metaModel
                                .path("details")
                                .path(space.name())
                                .path("state")
                                .asString())
                        .as(space.name())
                        .isIn("ready", "training", "none"));
    }

    @Test
    void showsEveryoneElseTheStatusOnly() {
        String read = token("health reader", "read");
        String enrol = token("health enrolment", "enrol");
        String agent = api.registerDevice("health-" + UUID.randomUUID())
                .path("agentToken")
                .asString();

        for (String caller : new String[] {null, read, enrol, agent}) {
            Reply health = api.get("/actuator/health", caller);

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body().path("status").asString()).isEqualTo("UP");
            assertThat(health.body().has("components"))
                    .as("components shown to %s", caller == null ? "anonymous" : caller)
                    .isFalse();
        }
    }

    @Test
    void answersAnUnknownTokenUnauthorised() {
        Reply health = api.get("/actuator/health", "not-a-token");

        assertThat(health.status()).isEqualTo(401);
    }

    private String token(String name, String scope) {
        Reply made = api.post(
                "/api/v1/tokens", HttpApi.ADMIN_TOKEN, "{\"name\": \"%s\", \"scope\": \"%s\"}".formatted(name, scope));
        assertThat(made.status()).as("token: %s", made.body()).isEqualTo(201);
        return made.body().path("token").asString();
    }
}

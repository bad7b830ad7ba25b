package dev.tenshot.service;

import java.util.Objects;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place that decides which PostgreSQL the integration tests use: a Testcontainers container when a Docker
 * engine is present, otherwise the server named by {@code TEST_DATABASE_URL} (CI starts this machine's own). With
 * neither, the tests fail: a missing database is never a skip.
 */
public final class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String POSTGRES_IMAGE = "postgres:17.6";
    static final String URL_VARIABLE = "TEST_DATABASE_URL";

    private static volatile String[] properties;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(properties()).applyTo(context);
    }

    /** The datasource properties every integration test's context gets. */
    static synchronized String[] properties() {
        if (properties == null) {
            properties = connect();
        }
        return properties;
    }

    private static String[] connect() {
        String url = System.getenv(URL_VARIABLE);
        if (DockerClientFactory.instance().isDockerAvailable()) {
            var container = new PostgreSQLContainer(POSTGRES_IMAGE);
            container.start(); // stopped by Testcontainers' reaper when the JVM exits
            return new String[] {
                "spring.datasource.url=" + container.getJdbcUrl(),
                "spring.datasource.username=" + container.getUsername(),
                "spring.datasource.password=" + container.getPassword()
            };
        }
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("No Docker engine and no " + URL_VARIABLE + ": the integration tests need"
                    + " PostgreSQL. Set " + URL_VARIABLE + "=jdbc:postgresql://127.0.0.1:5432/tenshot_test?user=tenshot"
                    + " (scripts/create-test-database makes that database).");
        }
        return new String[] {"spring.datasource.url=" + Objects.requireNonNull(url)};
    }
}

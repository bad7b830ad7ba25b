package dev.tenshot.service.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one type the migrations spell differently per database: JSON columns are {@code jsonb} on PostgreSQL (indexable,
 * queryable from Grafana) and {@code json} on H2. Read from the connection, so pointing {@code SPRING_DATASOURCE_URL}
 * at PostgreSQL is all it takes.
 */
@Configuration(proxyBeanMethods = false)
class JsonColumnType {

    @Bean
    FlywayConfigurationCustomizer jsonColumnTypePlaceholder(DataSource dataSource) {
        return configuration -> configuration.placeholders(Map.of("json_type", jsonType(dataSource)));
    }

    private static String jsonType(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            return product.equalsIgnoreCase("PostgreSQL") ? "jsonb" : "json";
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database product to choose the JSON column type", e);
        }
    }
}

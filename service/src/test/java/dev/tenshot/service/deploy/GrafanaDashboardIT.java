package dev.tenshot.service.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.ServiceIT;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the SQL of the Pareto-front dashboard ({@code grafana/dashboards/tenshot-search.json}) against the migrated
 * schema with one finished job in it, so that a renamed column or a broken query fails the build rather than a
 * Grafana panel. Also checks the parts of the JSON that Grafana would silently misread.
 */
@ServiceIT
class GrafanaDashboardIT {

    private static final Path ROOT = repositoryRoot();
    private static final Path DASHBOARD = ROOT.resolve("grafana/dashboards/tenshot-search.json");

    /** Grafana's macros as this test expands them; any other {@code $} left in a query fails the test. */
    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");

    @Autowired
    JdbcTemplate jdbc;

    JsonNode dashboard;
    UUID jobId;

    @BeforeEach
    void loadDashboardAndInsertAFinishedJob() {
        dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
        jobId = insertFinishedJob();
    }

    @Test
    void identifiesItselfAndUsesACurrentSchema() {
        assertThat(dashboard.path("uid").asString()).isEqualTo("tenshot-search");
        assertThat(dashboard.path("title").asString()).isEqualTo("tenshot: Pareto fronts");
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(41);
    }

    @Test
    void usesOnlyProvisionedDataSources() {
        Set<String> provisioned = provisionedDataSourceUids();
        List<String> used = new ArrayList<>();
        jobVariable().path("datasource").path("uid").asStringOpt().ifPresent(used::add);
        for (JsonNode panel : panels()) {
            used.add(panel.path("datasource").path("uid").asString());
            panel.path("targets")
                    .forEach(target ->
                            used.add(target.path("datasource").path("uid").asString()));
        }

        assertThat(provisioned).containsExactlyInAnyOrder("tenshot-postgres", "tenshot-prometheus");
        assertThat(used)
                .hasSizeGreaterThan(panels().size())
                .allSatisfy(uid -> assertThat(uid).isIn(provisioned));
    }

    @Test
    void givesEveryPanelAUniqueId() {
        List<Integer> ids =
                panels().stream().map(panel -> panel.path("id").asInt(-1)).toList();

        assertThat(ids).isNotEmpty().doesNotContain(-1).doesNotHaveDuplicates();
    }

    @Test
    void plotsTheFrontWithTheCurrentXyChartModel() {
        List<JsonNode> xyCharts = panels().stream()
                .filter(panel -> "xychart".equals(panel.path("type").asString()))
                .toList();

        assertThat(xyCharts).singleElement().satisfies(panel -> {
            // Grafana migrates an xychart below 11.1 from the old model, which breaks the current options.
            assertThat(versionAtLeast(panel.path("pluginVersion").asString(), 11, 1))
                    .as("pluginVersion %s", panel.path("pluginVersion"))
                    .isTrue();
            assertThat(panel.path("options").path("mapping").asString()).isIn("auto", "manual");
            assertThat(panel.path("transformations")
                            .valueStream()
                            .map(t -> t.path("id").asString()))
                    .contains("partitionByValues");
        });
    }

    @Test
    void offersTheNewFinishedJobInTheJobDropDown() {
        JsonNode variable = jobVariable();
        String sql = variable.path("query").isString()
                ? variable.path("query").asString()
                : variable.path("query").path("rawSql").asString();

        List<Map<String, Object>> rows = jdbc.queryForList(sql);

        assertThat(variable.path("type").asString()).isEqualTo("query");
        assertThat(variable.path("multi").asBoolean()).isTrue();
        assertThat(rows).extracting(row -> row.get("__value")).contains(jobId.toString());
        assertThat(rows)
                .extracting(row -> String.valueOf(row.get("__text")))
                .anySatisfy(text ->
                        assertThat(text).contains("dashboard-device-" + jobId).contains("seed 4242"));
    }

    @Test
    void everyPanelQueryReturnsRowsForTheSelectedJob() {
        List<String> queried = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                if (!target.has("rawSql")) {
                    continue;
                }
                String title = panel.path("title").asString() + " / "
                        + target.path("refId").asString();
                String sql = expand(target.path("rawSql").asString());

                assertThat(jdbc.queryForList(sql)).as(title).isNotEmpty();
                queried.add(title);
            }
        }

        assertThat(queried).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void plotsFeasibleInfeasibleAndMeasuredPointsApart() {
        JsonNode xyChart = panels().stream()
                .filter(panel -> "xychart".equals(panel.path("type").asString()))
                .findFirst()
                .orElseThrow();
        String sql = expand(xyChart.path("targets").get(0).path("rawSql").asString());

        List<Map<String, Object>> rows = jdbc.queryForList(sql);

        assertThat(rows)
                .extracting(row -> String.valueOf(row.get("points")))
                .containsOnly("feasible", "infeasible", "measured")
                .filteredOn("measured"::equals)
                .hasSize(1);
        assertThat(rows).hasSize(6);
    }

    /** Substitutes what Grafana would: the job variable (one selected job) and the time-filter macro. */
    private String expand(String rawSql) {
        String sql = rawSql.replace("$job", "'" + jobId + "'");
        sql = TIME_FILTER.matcher(sql).replaceAll("$1 between now() - interval '30 days' and now() + interval '1 day'");
        assertThat(sql).as("unexpanded Grafana variable or macro").doesNotContain("$");
        return sql;
    }

    private UUID insertFinishedJob() {
        UUID device = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS);
        jdbc.update(
                """
                insert into devices (id, name, kind, chipset, runtime, precision, attributes, simulated, space, status,
                                     agent_token_hash, registered_at)
                values (?, ?, 'CPU', 'test chipset', 'onnxruntime', 'fp32', cast(? as jsonb), true, 'mmdit-pruning',
                        'READY', ?, ?)
                """,
                device,
                "dashboard-device-" + job,
                "{\"cores\": 2}",
                UUID.randomUUID().toString().replace("-", ""),
                Timestamp.from(start));
        jdbc.update(
                """
                insert into search_jobs (id, device_id, space, state, request, seed, population, generations,
                                         generation, evaluations, front_size, hypervolume, attempts, created_at,
                                         started_at, finished_at)
                values (?, ?, 'mmdit-pruning', 'DONE', cast(? as jsonb), 4242, 16, 3, 3, 48, 5, 0.61, 1, ?, ?, ?)
                """,
                job,
                device,
                "{\"population\": 16, \"generations\": 3}",
                Timestamp.from(start),
                Timestamp.from(start.plusSeconds(1)),
                Timestamp.from(start.plusSeconds(60)));
        for (int generation = 1; generation <= 3; generation++) {
            jdbc.update(
                    "insert into search_progress (job_id, generation, evaluations, front_size, hypervolume,"
                            + " recorded_at) values (?, ?, ?, ?, ?, ?)",
                    job,
                    generation,
                    16L * generation,
                    generation + 2,
                    0.2 * generation,
                    Timestamp.from(start.plusSeconds(20L * generation)));
        }
        for (int point = 0; point < 5; point++) {
            boolean feasible = point < 3;
            jdbc.update(
                    """
                    insert into front_points (job_id, point, device_id, config, config_hash, kept_blocks, latency_ms,
                                              latency_lower_ms, latency_upper_ms, quality, parameters, feasible,
                                              violation, measured_latency_ms)
                    values (?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    job,
                    point,
                    device,
                    "{\"keptBlocks\": " + (10 + point) + "}",
                    "hash-" + point,
                    10 + point,
                    100.0 + 10 * point,
                    95.0 + 10 * point,
                    105.0 + 10 * point,
                    0.5 + 0.1 * point,
                    1_000_000L * (10 + point),
                    feasible,
                    feasible ? 0.0 : 5.0 * point,
                    point == 0 ? 103.5 : null);
        }
        return job;
    }

    private List<JsonNode> panels() {
        return dashboard.path("panels").valueStream().toList();
    }

    private JsonNode jobVariable() {
        return dashboard
                .path("templating")
                .path("list")
                .valueStream()
                .filter(variable -> "job".equals(variable.path("name").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no template variable job"));
    }

    private static Set<String> provisionedDataSourceUids() {
        Path file = ROOT.resolve("grafana/provisioning/datasources/datasources.yml");
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<?, ?> yaml = new Yaml().load(reader);
            return ((List<?>) yaml.get("datasources"))
                    .stream()
                            .map(dataSource -> String.valueOf(((Map<?, ?>) dataSource).get("uid")))
                            .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static boolean versionAtLeast(String version, int major, int minor) {
        String[] parts = version.split("\\.");
        if (parts.length < 2 || !parts[0].matches("\\d+") || !parts[1].matches("\\d+")) {
            return false;
        }
        int actualMajor = Integer.parseInt(parts[0]);
        return actualMajor > major || (actualMajor == major && Integer.parseInt(parts[1]) >= minor);
    }

    /** Walks up from the working directory (the module directory under Maven) to the repository root. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory with docker-compose.yml and mvnw above "
                + Path.of("").toAbsolutePath());
    }
}

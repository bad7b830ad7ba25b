package dev.tenshot.service.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenshot.service.ServiceIT;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the SQL of every dashboard under {@code grafana/dashboards} (the Pareto fronts, the fleet, predictor accuracy)
 * against the migrated schema with one finished job in it, so that a renamed column or a broken query fails the
 * build rather than a Grafana panel. Also checks the parts of the JSON that Grafana would silently misread.
 */
@ServiceIT
class GrafanaDashboardIT {

    private static final Path ROOT = repositoryRoot();
    private static final Path DASHBOARDS = ROOT.resolve("grafana/dashboards");
    private static final double FIXED_STAGES_MS = 60.0;
    private static final Path DASHBOARD = DASHBOARDS.resolve("tenshot-search.json");
    private static final String FAILURE = "runner exited with 137: out of memory";
    private static final double BUDGET_MS = 110.0;
    private static final MmditConfig FULL_CONFIG =
            MmditConfig.full(MmditPruningSpace.neodragon().base());

    /** Grafana's macros as this test expands them; any other {@code $} left in a query fails the test. */
    /** The job variable in the forms Grafana interpolates: $job, ${job} and ${job:format}. */
    private static final Pattern JOB = Pattern.compile("\\$\\{job(?::(\\w+))?}|\\$job\\b");

    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    JsonNode dashboard;
    Map<String, JsonNode> dashboards;
    UUID jobId;

    @BeforeEach
    void loadDashboardsAndInsertAFinishedJob() throws IOException {
        dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
        dashboards = dashboards();
        jobId = insertFinishedJob();
    }

    @Test
    void identifiesItselfAndUsesACurrentSchema() {
        assertThat(dashboard.path("uid").asString()).isEqualTo("tenshot-search");
        assertThat(dashboard.path("title").asString()).isEqualTo("tenshot: Pareto fronts");
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(41);
    }

    @Test
    void providesTheFleetAndPredictorAccuracyDashboardsBesideTheFronts() {
        assertThat(dashboards)
                .containsOnlyKeys("tenshot-search.json", "tenshot-fleet.json", "tenshot-predictor-accuracy.json");
        assertThat(dashboards.values())
                .extracting(d -> d.path("uid").asString())
                .containsExactlyInAnyOrder("tenshot-search", "tenshot-fleet", "tenshot-predictor-accuracy");
        assertThat(dashboards.values()).allSatisfy(d -> {
            assertThat(d.path("title").asString()).startsWith("tenshot: ");
            assertThat(d.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(41);
            assertThat(d.path("editable").asBoolean(true))
                    .as("provisioned read-only")
                    .isFalse();
        });
    }

    @Test
    void usesOnlyProvisionedDataSources() {
        Set<String> provisioned = provisionedDataSourceUids();
        assertThat(provisioned).containsExactlyInAnyOrder("tenshot-postgres", "tenshot-prometheus");
        dashboards.forEach((file, d) -> {
            List<String> used = new ArrayList<>();
            d.path("templating")
                    .path("list")
                    .forEach(variable -> variable.path("datasource")
                            .path("uid")
                            .asStringOpt()
                            .ifPresent(used::add));
            for (JsonNode panel : panels(d)) {
                used.add(panel.path("datasource").path("uid").asString());
                panel.path("targets")
                        .forEach(target ->
                                used.add(target.path("datasource").path("uid").asString()));
            }

            assertThat(used)
                    .as(file)
                    .hasSizeGreaterThan(panels(d).size())
                    .allSatisfy(uid -> assertThat(uid).isIn(provisioned));
        });
    }

    @Test
    void givesEveryPanelAUniqueIdAndNoTableAFooter() {
        dashboards.forEach((file, d) -> {
            List<Integer> ids =
                    panels(d).stream().map(panel -> panel.path("id").asInt(-1)).toList();

            assertThat(ids).as(file).isNotEmpty().doesNotContain(-1).doesNotHaveDuplicates();
            // Grafana 12 replaced the table footer; an old footer block is migrated or dropped unpredictably
            assertThat(panels(d))
                    .as(file)
                    .filteredOn(panel -> "table".equals(panel.path("type").asString()))
                    .allSatisfy(table -> assertThat(table.path("options").has("footer"))
                            .as(table.path("title").asString())
                            .isFalse());
        });
    }

    @Test
    void drawsEveryXyChartOfEveryDashboardWithTheCurrentModel() {
        List<JsonNode> xyCharts = dashboards.values().stream()
                .flatMap(d -> panels(d).stream())
                .filter(panel -> "xychart".equals(panel.path("type").asString()))
                .toList();

        assertThat(xyCharts).hasSizeGreaterThanOrEqualTo(3).allSatisfy(panel -> {
            assertThat(versionAtLeast(panel.path("pluginVersion").asString(), 11, 1))
                    .as("pluginVersion %s", panel.path("pluginVersion"))
                    .isTrue();
            assertThat(panel.path("options").path("mapping").asString()).isIn("auto", "manual");
        });
    }

    @Test
    void plotsTheFrontWithTheCurrentXyChartModel() {
        List<JsonNode> xyCharts = panels().stream()
                .filter(panel -> "xychart".equals(panel.path("type").asString()))
                .toList();

        assertThat(xyCharts).hasSize(2).allSatisfy(panel -> {
            // Grafana migrates an xychart below 11.1 from the old model, which breaks the current options.
            assertThat(versionAtLeast(panel.path("pluginVersion").asString(), 11, 1))
                    .as("pluginVersion %s", panel.path("pluginVersion"))
                    .isTrue();
            assertThat(panel.path("options").path("mapping").asString()).isIn("auto", "manual");
            // Grafana applies a series' frame matcher in auto mode too: byIndex 0 would draw the first partition only.
            if ("auto".equals(panel.path("options").path("mapping").asString())) {
                assertThat(panel.path("options").path("series").valueStream())
                        .as("%s: series with a frame matcher in auto mode", panel.path("title"))
                        .noneMatch(series -> series.has("frame"));
            }
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

        List<Map<String, Object>> rows = asGrafanaReader(sql);

        assertThat(variable.path("type").asString()).isEqualTo("query");
        assertThat(variable.path("multi").asBoolean()).isTrue();
        assertThat(rows).extracting(row -> row.get("__value")).contains(jobId.toString());
        assertThat(rows)
                .extracting(row -> String.valueOf(row.get("__text")))
                .anySatisfy(text ->
                        assertThat(text).contains("dashboard-device-" + jobId).contains("seed 4242"));
    }

    @Test
    void grafanaReadsOnlyViewsAndNoTokenHash() {
        List<Map<String, Object>> relations = jdbc.queryForList(
                "select table_name, table_type from information_schema.tables where table_schema = 'grafana'");
        List<String> columns = jdbc.queryForList(
                "select column_name from information_schema.columns where table_schema = 'grafana'", String.class);

        assertThat(relations)
                .extracting(row -> row.get("table_name"))
                .contains(
                        "devices",
                        "search_jobs",
                        "search_progress",
                        "front_points",
                        "search_verifications",
                        "measurement_tasks");
        assertThat(relations)
                .allSatisfy(row -> assertThat(row.get("table_type")).isEqualTo("VIEW"));
        assertThat(columns).isNotEmpty().noneMatch(column -> column.contains("token"));
    }

    @Test
    void everySqlQueryOfEveryDashboardReturnsRowsForTheSelectedJob() {
        List<String> queried = new ArrayList<>();
        dashboards.forEach((file, d) -> {
            for (JsonNode panel : panels(d)) {
                for (JsonNode target : panel.path("targets")) {
                    if (!target.has("rawSql")) {
                        continue;
                    }
                    String title = file + ": " + panel.path("title").asString() + " / "
                            + target.path("refId").asString();
                    String sql = expand(target.path("rawSql").asString());

                    assertThat(asGrafanaReader(sql)).as(title).isNotEmpty();
                    queried.add(title);
                }
            }
        });

        assertThat(queried)
                .hasSizeGreaterThanOrEqualTo(6 + 5)
                .anyMatch(title -> title.startsWith("tenshot-fleet.json"))
                .anyMatch(title -> title.startsWith("tenshot-predictor-accuracy.json"));
    }

    @Test
    void coloursEveryJobStateInTheJobsTable() throws ClassNotFoundException {
        // The enum is package-private to its feature; its constants are what the state column holds.
        List<String> states = Arrays.stream(Class.forName("dev.tenshot.service.search.SearchJobState")
                        .getEnumConstants())
                .map(state -> ((Enum<?>) state).name())
                .toList();
        JsonNode stateOverride = panel("Search jobs in the time range")
                .path("fieldConfig")
                .path("overrides")
                .valueStream()
                .filter(override ->
                        "state".equals(override.path("matcher").path("options").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no override for the state column"));
        List<String> coloured = stateOverride
                .path("properties")
                .valueStream()
                .filter(property -> "mappings".equals(property.path("id").asString()))
                .flatMap(property -> property.path("value").valueStream())
                .filter(mapping -> "value".equals(mapping.path("type").asString()))
                .flatMap(mapping -> mapping.path("options").properties().stream()
                        .filter(option -> option.getValue().has("color"))
                        .map(Map.Entry::getKey))
                .toList();

        assertThat(states).isNotEmpty();
        assertThat(coloured).containsAll(states);
    }

    @Test
    void everyPanelQueryRunsWithNoJobSelected() {
        // A fresh stack: the job drop-down has no options, so Grafana interpolates an empty selection.
        List<SqlTarget> byJob = sqlTargets().stream().filter(SqlTarget::usesJob).toList();

        assertThat(byJob)
                .hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(target -> assertThat(asGrafanaReader(expand(target.sql(), List.of())))
                        .as(target.title())
                        .isEmpty());
        assertThat(sqlTargets())
                .filteredOn(target -> !target.usesJob())
                .allSatisfy(target -> asGrafanaReader(expand(target.sql(), List.of())));
    }

    @Test
    void everyPanelQueryShowsEverySelectedJob() {
        UUID secondJob = insertFinishedJob();
        List<SqlTarget> byJob = sqlTargets().stream().filter(SqlTarget::usesJob).toList();

        assertThat(byJob).hasSizeGreaterThanOrEqualTo(5).allSatisfy(target -> {
            int oneJob = asGrafanaReader(expand(target.sql(), List.of(jobId))).size();
            int bothJobs = asGrafanaReader(expand(target.sql(), List.of(jobId, secondJob)))
                    .size();

            assertThat(oneJob).as(target.title()).isPositive();
            assertThat(bothJobs).as(target.title()).isEqualTo(2 * oneJob);
        });
    }

    @Test
    void listsFailingTasksWithTheirErrors() {
        List<Map<String, Object>> rows = rowsOf("tenshot-fleet.json", "Failing tasks");

        assertThat(rows)
                .filteredOn(row -> String.valueOf(row.get("device")).equals("dashboard-device-" + jobId))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("error")).isEqualTo(FAILURE);
                    assertThat(row.get("state")).isEqualTo("failed");
                });
    }

    @Test
    void breaksMeasuredLatencyDownByStageFromQuietMeasurementsOnly() {
        UUID device =
                jdbc.queryForObject("select id from devices where name = ?", UUID.class, "dashboard-device-" + jobId);
        measurement(device, 100.0, 10.0, "[20.0, 20.0, 30.0]", 15.0, 5.0, false);
        measurement(device, 120.0, 12.0, "[25.0, 25.0, 30.0]", 15.0, 5.0, false);
        measurement(device, 900.0, 90.0, "[300.0, 300.0, 100.0]", 60.0, 30.0, true); // contended: left out
        measurement(device, 80.0, null, null, null, null, false); // end to end only: left out

        List<Map<String, Object>> rows = rowsOf("tenshot-fleet.json", "Measured latency by stage");

        assertThat(rows)
                .filteredOn(row -> String.valueOf(row.get("device")).equals("dashboard-device-" + jobId))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("measurements")).isEqualTo(2L);
                    assertThat(((Number) row.get("text encoder")).doubleValue()).isCloseTo(11.0, within(1e-9));
                    assertThat(((Number) row.get("denoiser")).doubleValue()).isCloseTo(75.0, within(1e-9));
                    assertThat(((Number) row.get("VAE decoder")).doubleValue()).isCloseTo(15.0, within(1e-9));
                    assertThat(((Number) row.get("super-resolution")).doubleValue())
                            .isCloseTo(5.0, within(1e-9));
                    // 100 - 10 - 70 - 15 - 5 = 0 and 120 - 12 - 80 - 15 - 5 = 8
                    assertThat(((Number) row.get("other stages")).doubleValue()).isCloseTo(4.0, within(1e-9));
                });
    }

    @Test
    void measuresIntervalCoverageAndMedianErrorPerDevice() {
        List<Map<String, Object>> rows = rowsOf("tenshot-predictor-accuracy.json", "Interval coverage");

        assertThat(rows)
                .filteredOn(row -> String.valueOf(row.get("device")).equals("dashboard-device-" + jobId))
                .singleElement()
                .satisfies(row -> {
                    // measured 121 (95..105: outside), 108 (104.5..115.5: inside), 103.5 (95..105: inside)
                    assertThat(row.get("verified")).isEqualTo(3L);
                    assertThat(((Number) row.get("inside_80_interval")).doubleValue())
                            .isCloseTo(2.0 / 3, within(1e-9));
                    assertThat((Double) row.get("median_error")).isCloseTo(0.035, within(1e-9));
                });
    }

    @Test
    void plotsFeasibleInfeasibleMeasuredPointsAndTheBudgetApart() {
        List<Map<String, Object>> rows = rowsOf("Pareto front: latency vs quality");

        assertThat(rows)
                .extracting(row -> String.valueOf(row.get("points")))
                .containsOnly("feasible", "infeasible", "measured", "measured over budget", "budget");
        assertThat(rows)
                .filteredOn(row -> row.get("points").equals("measured"))
                .singleElement()
                .satisfies(row -> assertThat(row.get("latency_ms")).isEqualTo(103.5));
        assertThat(rows)
                .filteredOn(row -> row.get("points").equals("measured over budget"))
                .singleElement()
                .satisfies(row -> assertThat(row.get("latency_ms")).isEqualTo(125.0));
        assertThat(rows)
                .filteredOn(row -> row.get("points").equals("budget"))
                .hasSize(5)
                .allSatisfy(row -> assertThat(row.get("latency_ms")).isEqualTo(BUDGET_MS));
        assertThat(rows).hasSize(5 + 2 + 5);
    }

    @Test
    void splitsEachFrontPointIntoMeasuredFixedStagesAndThePredictedDenoiser() {
        List<Map<String, Object>> rows = rowsOf("Front by stage");
        List<Map<String, Object>> table = rowsOf("Front configs");

        assertThat(rows).as("the point without stages is left out").hasSize(4).allSatisfy(row -> {
            assertThat(row.get("fixed stages (measured)")).isEqualTo(FIXED_STAGES_MS);
            assertThat((Double) row.get("fixed stages (measured)") + (Double) row.get("denoiser (predicted)"))
                    .as("the stages add up to the predicted latency")
                    .isIn(100.0, 110.0, 120.0, 130.0);
        });
        assertThat(rows).extracting(row -> row.get("denoiser (predicted)")).containsExactly(40.0, 50.0, 60.0, 70.0);
        assertThat(table)
                .filteredOn(row -> row.get("fixed_stages_ms") == null)
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("denoiser_ms")).isNull();
                    assertThat(row.get("peak_memory_bytes")).isNull();
                });
        assertThat(table).extracting(row -> row.get("peak_memory_bytes")).contains(2_000_000_000L, 2_300_000_000L);
    }

    @Test
    void plotsPredictedAgainstMeasuredByRound() {
        List<Map<String, Object>> rows = rowsOf("Predicted vs measured, by round");

        assertThat(rows)
                .filteredOn(row -> String.valueOf(row.get("points")).startsWith("round "))
                .extracting(row -> row.get("points") + " " + row.get("predicted_ms") + " -> " + row.get("measured_ms"))
                .containsExactlyInAnyOrder(
                        "round 1 100.0 -> 121.0", "round 1 110.0 -> 108.0", "round 2 100.0 -> 103.5");
        assertThat(rows).filteredOn(row -> row.get("points").equals("exact")).hasSize(4);
        assertThat(rows)
                .filteredOn(row -> row.get("points").equals("budget"))
                .hasSize(4)
                .allSatisfy(row -> assertThat(row.get("measured_ms")).isEqualTo(BUDGET_MS));
    }

    @Test
    void summarisesEachVerificationRound() {
        List<Map<String, Object>> rows = rowsOf("Verification rounds");

        assertThat(rows).hasSize(2);
        Map<String, Object> first = rows.get(0);
        Map<String, Object> second = rows.get(1);
        assertThat(first)
                .containsEntry("round", 1)
                .containsEntry("queued", 2L)
                .containsEntry("measured", 2L)
                .containsEntry("given_up", 0L)
                .containsEntry("feasible_over_budget", 1L);
        assertThat((Double) first.get("median_error")).isCloseTo((0.21 + 0.2 / 11) / 2, within(1e-9));
        assertThat(((Number) first.get("inside_interval")).doubleValue()).isEqualTo(0.5);
        assertThat(first.get("verdict")).isNull();
        assertThat(second)
                .containsEntry("round", 2)
                .containsEntry("queued", 2L)
                .containsEntry("measured", 1L)
                .containsEntry("given_up", 1L)
                .containsEntry("feasible_over_budget", 0L)
                .containsEntry("verdict", "converged");
    }

    private List<Map<String, Object>> rowsOf(String title) {
        return rowsOf(DASHBOARD.getFileName().toString(), title);
    }

    private List<Map<String, Object>> rowsOf(String file, String title) {
        JsonNode panel = panels(dashboards.get(file)).stream()
                .filter(p -> title.equals(p.path("title").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no panel " + title));
        return asGrafanaReader(
                expand(panel.path("targets").get(0).path("rawSql").asString()));
    }

    /** A panel of the Pareto-front dashboard, by title. */
    private JsonNode panel(String title) {
        return panels().stream()
                .filter(p -> title.equals(p.path("title").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no panel " + title));
    }

    private record SqlTarget(String title, String sql) {
        boolean usesJob() {
            return JOB.matcher(sql).find();
        }
    }

    /** Every SQL query of every dashboard, titled by file, panel and query. */
    private List<SqlTarget> sqlTargets() {
        List<SqlTarget> targets = new ArrayList<>();
        dashboards.forEach((file, d) -> {
            for (JsonNode panel : panels(d)) {
                for (JsonNode target : panel.path("targets")) {
                    if (target.has("rawSql")) {
                        targets.add(new SqlTarget(
                                file + ": " + panel.path("title").asString() + " / "
                                        + target.path("refId").asString(),
                                target.path("rawSql").asString()));
                    }
                }
            }
        });
        return targets;
    }

    /**
     * Runs a panel's SQL as Grafana's reader role sees the database: through the views of the {@code grafana}
     * schema only (the role's search_path), so a panel that needs a table the views do not expose fails here.
     */
    private List<Map<String, Object>> asGrafanaReader(String sql) {
        return transaction.execute(status -> {
            jdbc.execute("set local search_path to grafana");
            return jdbc.queryForList(sql);
        });
    }

    private String expand(String rawSql) {
        return expand(rawSql, List.of(jobId));
    }

    /**
     * Substitutes what Grafana would: the time-filter macro and the job variable with the selected jobs. Grafana's
     * PostgreSQL data source formats a bare multi-value variable as {@code sqlstring} does: each value single-quoted
     * (quotes doubled), joined by commas, and nothing at all when no job is selected.
     */
    private String expand(String rawSql, List<UUID> jobs) {
        String selected = jobs.stream()
                .map(job -> "'" + job.toString().replace("'", "''") + "'")
                .collect(Collectors.joining(","));
        String sql = JOB.matcher(rawSql).replaceAll(variable -> {
            String format = variable.group(1);
            assertThat(format).as("format of %s", variable.group()).isIn(null, "sqlstring");
            return Matcher.quoteReplacement(selected);
        });
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
                                         started_at, finished_at, round, max_rounds, verdict, latency_budget_ms)
                values (?, ?, 'mmdit-pruning', 'DONE', cast(? as jsonb), 4242, 16, 3, 3, 48, 5, 0.61, 1, ?, ?, ?,
                        2, 4, 'CONVERGED', ?)
                """,
                job,
                device,
                "{\"population\": 16, \"generations\": 3}",
                Timestamp.from(start),
                Timestamp.from(start.plusSeconds(1)),
                Timestamp.from(start.plusSeconds(60)),
                BUDGET_MS);
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
                                              violation, measured_latency_ms, round, latency_bound_ms,
                                              fixed_stages_ms, peak_memory_bytes)
                    values (?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 2, ?, ?, ?)
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
                    point == 0 ? Double.valueOf(103.5) : point == 1 ? Double.valueOf(125.0) : null,
                    108.0 + 10 * point,
                    point < 4 ? Double.valueOf(FIXED_STAGES_MS) : null, // point 4: a device timing end to end only
                    point < 4 ? Long.valueOf(2_000_000_000L + 100_000_000L * point) : null);
        }
        // round 1: one config measured over the budget it was predicted to meet, one within; round 2: one measured
        // (point 0 of the front), one given up
        verification(job, device, 1, 100.0, 121.0);
        verification(job, device, 1, 110.0, 108.0);
        verification(job, device, 2, 100.0, 103.5);
        verification(job, device, 2, 105.0, null);
        return job;
    }

    private void measurement(
            UUID device,
            double endToEndMs,
            @Nullable Double textEncoderMs,
            @Nullable String denoiserCallsMs,
            @Nullable Double vaeDecoderMs,
            @Nullable Double superResolutionMs,
            boolean contended) {
        long id = jdbc.queryForObject("select nextval('measurements_id_seq')", Long.class);
        jdbc.update(
                """
                insert into measurements (id, device_id, client_id, space, config, config_hash, end_to_end_ms,
                                          text_encoder_ms, denoiser_calls_ms, vae_decoder_ms, super_resolution_ms,
                                          warmup_count, repeat_count, statistic, measured_at, received_at, contended)
                values (?, ?, ?, 'mmdit-pruning', cast(? as jsonb), ?, ?, ?, cast(? as jsonb), ?, ?, 1, 3, 'MEDIAN',
                        now(), now(), ?)
                """,
                id,
                device,
                "stage-" + id,
                // a real config: the device is ready, so the meta-model's training reads what it measured
                FULL_CONFIG.toJson().toString(),
                FULL_CONFIG.contentHash(),
                endToEndMs,
                textEncoderMs,
                denoiserCallsMs,
                vaeDecoderMs,
                superResolutionMs,
                contended);
    }

    private void verification(UUID job, UUID device, int round, double predictedMs, @Nullable Double measuredMs) {
        long task = jdbc.queryForObject("select nextval('measurement_tasks_id_seq')", Long.class);
        jdbc.update(
                """
                insert into measurement_tasks (id, device_id, space, config, config_hash, purpose, state, last_error,
                                               created_at)
                values (?, ?, 'mmdit-pruning', cast('{}' as jsonb), ?, 'REQUESTED', ?, ?, now())
                """,
                task,
                device,
                "hash-task-" + task,
                measuredMs == null ? "FAILED" : "DONE",
                measuredMs == null ? FAILURE : null);
        jdbc.update(
                """
                insert into search_verifications (task_id, job_id, round, device_id, config_hash, latency_ms,
                                                  latency_lower_ms, latency_upper_ms, latency_bound_ms, feasible,
                                                  measured_latency_ms, ended_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                task,
                job,
                round,
                device,
                "hash-task-" + task,
                predictedMs,
                0.95 * predictedMs,
                1.05 * predictedMs,
                1.08 * predictedMs,
                true,
                measuredMs,
                Timestamp.from(Instant.now()));
    }

    private List<JsonNode> panels() {
        return panels(dashboard);
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
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

    /** Every dashboard under {@code grafana/dashboards}, by file name. */
    static Map<String, JsonNode> dashboards() throws IOException {
        try (var files = Files.list(DASHBOARDS)) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .collect(Collectors.toMap(
                            file -> file.getFileName().toString(),
                            file -> JsonMapper.builder().build().readTree(file.toFile()),
                            (a, b) -> a,
                            java.util.LinkedHashMap::new));
        }
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
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory with docker-compose.yml and mvnw above "
                + Path.of("").toAbsolutePath());
    }
}

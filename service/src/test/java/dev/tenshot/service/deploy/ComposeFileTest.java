package dev.tenshot.service.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps the deployment files honest. No Docker engine runs in the build, so instead of starting the stack this test
 * reads {@code docker-compose.yml}, the service's Dockerfile and the Prometheus and Grafana configuration, and checks
 * that they agree with each other and with the repository.
 */
class ComposeFileTest {

    /** A tag with at least major and minor version, such as {@code 17.6}, {@code v3.5.0} or {@code 25.0.1_8-jre}. */
    private static final Pattern PINNED_TAG = Pattern.compile("v?\\d+\\.\\d+\\S*");

    private static final Path ROOT = repositoryRoot();

    @Test
    void namesTheServicesTheStackNeeds() {
        Map<String, Object> services = services();

        assertThat(services).containsKeys("postgres", "service", "prometheus", "grafana");
    }

    @Test
    void pinsEveryImageTag() {
        List<String> images = new ArrayList<>();
        services().forEach((name, service) -> {
            Object image = map(service).get("image");
            if (image != null) {
                images.add(image.toString());
            } else {
                assertThat(map(service))
                        .as("service %s has neither image nor build", name)
                        .containsKey("build");
            }
        });

        assertThat(images)
                .isNotEmpty()
                .allSatisfy(image -> assertThat(tagOf(image))
                        .as("tag of image %s", image)
                        .matches(PINNED_TAG)
                        .isNotEqualTo("latest"));
    }

    @Test
    void mountsOnlyFilesThatExist() {
        List<String> sources = new ArrayList<>();
        services()
                .values()
                .forEach(service -> listOrEmpty(map(service).get("volumes")).stream()
                        .map(ComposeFileTest::mountSource)
                        .filter(source -> source.startsWith("./"))
                        .forEach(sources::add));

        assertThat(sources)
                .isNotEmpty()
                .allSatisfy(source -> assertThat(ROOT.resolve(source))
                        .as("bind-mount source %s", source)
                        .exists());
    }

    @Test
    void exposesTheServicePortsItDocumentsOnLoopbackUnlessConfigured() {
        Map<String, Object> services = services();
        String loopback = "${TENSHOT_BIND:-127.0.0.1}:";

        assertThat(portsOf(services, "service")).containsExactly(loopback + "8080:8080");
        assertThat(portsOf(services, "postgres")).containsExactly(loopback + "5432:5432");
        assertThat(portsOf(services, "prometheus")).containsExactly(loopback + "9090:9090");
        assertThat(portsOf(services, "grafana")).containsExactly(loopback + "3000:3000");
    }

    @Test
    void startsWithNoDefaultSecret() {
        Map<String, Object> services = services();
        var secrets = new LinkedHashMap<String, Object>();
        for (String name : List.of("postgres", "service", "grafana")) {
            map(map(services.get(name)).get("environment")).forEach((key, value) -> {
                if (key.contains("PASSWORD") || key.contains("TOKEN")) {
                    secrets.put(name + "." + key, value);
                }
            });
        }

        assertThat(secrets)
                .containsKeys(
                        "postgres.POSTGRES_PASSWORD",
                        "service.SPRING_DATASOURCE_PASSWORD",
                        "service.TENSHOT_ADMIN_TOKEN",
                        "grafana.GF_SECURITY_ADMIN_PASSWORD")
                .allSatisfy((key, value) -> assertThat(value.toString())
                        .as("%s: compose refuses to start without it, and has no default", key)
                        .matches("\\$\\{[A-Z_]+:\\?[^}]+}"));
    }

    @Test
    void keepsGrafanaClosedAndItsReaderToViewsWithATimeout() throws IOException {
        Map<String, Object> grafana = map(map(services().get("grafana")).get("environment"));
        String roles = Files.readString(ROOT.resolve("deploy/postgres/init/roles.sql.in"));
        String readerPassword = dataSources().stream()
                .filter(source -> "tenshot-postgres".equals(source.get("uid")))
                .map(source -> map(source.get("secureJsonData")).get("password").toString())
                .findFirst()
                .orElseThrow();

        assertThat(grafana.get("GF_AUTH_ANONYMOUS_ENABLED")).isEqualTo("false");
        assertThat(readerPassword).isEqualTo("$GRAFANA_DB_PASSWORD");
        assertThat(roles)
                .contains("ALTER ROLE grafana_reader SET statement_timeout")
                .contains("ALTER ROLE grafana_reader SET search_path = grafana")
                .contains("GRANT SELECT ON ALL TABLES IN SCHEMA grafana TO grafana_reader")
                .contains("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM grafana_reader")
                .doesNotContainPattern("GRANT SELECT ON [A-Z ]*SCHEMA public");
    }

    @Test
    void connectsTheServiceAsARoleThatIsNotTheSuperuser() throws IOException {
        Map<String, Object> postgres = map(map(services().get("postgres")).get("environment"));
        Map<String, Object> service = map(map(services().get("service")).get("environment"));
        String roles = Files.readString(ROOT.resolve("deploy/postgres/init/roles.sql.in"));

        assertThat(service.get("SPRING_DATASOURCE_USERNAME")).isEqualTo("tenshot");
        assertThat(postgres.get("POSTGRES_USER")).isNotEqualTo("tenshot");
        assertThat(roles).contains("ALTER ROLE tenshot WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        assertThat(Files.isExecutable(ROOT.resolve("deploy/postgres/init/01-roles.sh")))
                .isTrue();
    }

    @Test
    void documentsRolesCommandsForAnExistingVolumeThatRunAnInitScript() throws IOException {
        String readme = Files.readString(ROOT.resolve("deploy/postgres/README.md"));
        List<String> scripts = Pattern.compile("docker compose exec .*/docker-entrypoint-initdb\\.d/(\\S+)")
                .matcher(readme)
                .results()
                .map(command -> command.group(1))
                .toList();

        assertThat(scripts)
                .isNotEmpty()
                .allSatisfy(script -> assertThat(ROOT.resolve("deploy/postgres/init/" + script))
                        .as("script the README runs")
                        .isExecutable());
    }

    @Test
    void restartsAServiceThatExitsOnOutOfMemory() {
        Map<String, Object> service = map(services().get("service"));
        List<String> entrypoints = dockerfileLines().stream()
                .filter(line -> line.startsWith("ENTRYPOINT "))
                .toList();

        assertThat(service.get("restart")).isEqualTo("unless-stopped");
        assertThat(service.get("mem_limit")).isEqualTo("1g");
        assertThat(entrypoints)
                .singleElement()
                .asString()
                .contains("\"-XX:+ExitOnOutOfMemoryError\"")
                .contains("\"-XX:MaxRAMPercentage=50\"");
    }

    @Test
    void scrapesMetricsWithTheReadToken() {
        Map<String, Object> prometheus = load("deploy/prometheus/prometheus.yml");
        Map<String, Object> job = map(list(prometheus.get("scrape_configs")).getFirst());
        Map<String, Object> authorization = map(job.get("authorization"));
        List<Object> configs = list(map(services().get("prometheus")).get("configs"));

        assertThat(authorization.get("type")).isEqualTo("Bearer");
        assertThat(configs)
                .extracting(config -> map(config).get("target"))
                .containsExactly(authorization.get("credentials_file"));
    }

    @Test
    void buildsTheServiceFromAnExistingDockerfile() {
        Map<String, Object> build = map(map(services().get("service")).get("build"));

        Path context = ROOT.resolve(build.get("context").toString()).normalize();
        assertThat(context).as("build context").isDirectory();
        assertThat(context.resolve(build.get("dockerfile").toString()))
                .as("dockerfile")
                .isRegularFile()
                .isEqualTo(dockerfile());
    }

    @Test
    void pinsTheDockerfileBaseImages() {
        List<String> images = dockerfileLines().stream()
                .filter(line -> line.regionMatches(true, 0, "FROM ", 0, 5))
                .map(line -> line.split("\\s+")[1])
                .toList();

        assertThat(images)
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(image -> assertThat(tagOf(image))
                        .as("tag of base image %s", image)
                        .matches(PINNED_TAG));
    }

    @Test
    void startsTheServiceWithNativeAccessEnabled() {
        List<String> entrypoints = dockerfileLines().stream()
                .filter(line -> line.startsWith("ENTRYPOINT "))
                .toList();

        assertThat(entrypoints).singleElement().asString().contains("\"--enable-native-access=ALL-UNNAMED\"");
    }

    @Test
    void runsTheServiceAsAnUnprivilegedUser() {
        List<String> users = dockerfileLines().stream()
                .filter(line -> line.startsWith("USER "))
                .map(line -> line.substring("USER ".length()).trim())
                .toList();

        assertThat(users).isNotEmpty().last().isNotIn("root", "0");
    }

    @Test
    void pointsPrometheusAtTheServiceActuator() {
        Map<String, Object> job = list(load("deploy/prometheus/prometheus.yml").get("scrape_configs")).stream()
                .map(ComposeFileTest::map)
                .filter(config -> "tenshot-service".equals(config.get("job_name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no scrape job tenshot-service"));
        List<String> targets = list(job.get("static_configs")).stream()
                .flatMap(config -> list(map(config).get("targets")).stream())
                .map(Object::toString)
                .toList();

        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(job.get("scrape_interval")).isEqualTo("15s");
        assertThat(targets).containsExactly("service:8080");
    }

    @Test
    void provisionsDataSourcesWithStableUids() {
        List<Map<String, Object>> dataSources = dataSources();

        assertThat(dataSources)
                .extracting(dataSource -> dataSource.get("uid"))
                .containsExactlyInAnyOrder("tenshot-postgres", "tenshot-prometheus");
    }

    @Test
    void pointsDataSourcesAtComposeServices() {
        List<String> hosts = dataSources().stream()
                .map(dataSource -> dataSource.get("url").toString())
                .map(url ->
                        URI.create(url.contains("://") ? url : "tcp://" + url).getHost())
                .toList();

        assertThat(hosts)
                .isNotEmpty()
                .allSatisfy(
                        host -> assertThat(services()).as("compose services").containsKey(host));
    }

    private static Map<String, Object> services() {
        return map(load("docker-compose.yml").get("services"));
    }

    private static List<Map<String, Object>> dataSources() {
        return list(load("grafana/provisioning/datasources/datasources.yml").get("datasources")).stream()
                .map(ComposeFileTest::map)
                .toList();
    }

    private static List<String> portsOf(Map<String, Object> services, String name) {
        return list(map(services.get(name)).get("ports")).stream()
                .map(Object::toString)
                .toList();
    }

    /** The host side of a volume entry, in short ({@code ./a:/b:ro}) or long ({@code source: ./a}) syntax. */
    private static String mountSource(Object volume) {
        if (volume instanceof Map<?, ?> longSyntax) {
            return String.valueOf(longSyntax.get("source"));
        }
        return volume.toString().split(":", 2)[0];
    }

    /** The tag of an image reference, or the empty string when it has none; a registry port is not a tag. */
    private static String tagOf(String image) {
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastSegment.indexOf(':');
        return colon < 0 ? "" : lastSegment.substring(colon + 1);
    }

    private static Path dockerfile() {
        return ROOT.resolve("service/Dockerfile");
    }

    private static List<String> dockerfileLines() {
        try {
            return Files.readAllLines(dockerfile()).stream().map(String::strip).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dockerfile(), e);
        }
    }

    private static Map<String, Object> load(String relativePath) {
        Path file = ROOT.resolve(relativePath);
        try (Reader reader = Files.newBufferedReader(file)) {
            return map(new Yaml().load(reader));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** A YAML mapping as a map with string keys, so that assertions can name keys without generic wildcards. */
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<?, ?>) node).forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    private static List<Object> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return new ArrayList<>((List<?>) node);
    }

    private static List<Object> listOrEmpty(Object node) {
        return node == null ? List.of() : list(node);
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

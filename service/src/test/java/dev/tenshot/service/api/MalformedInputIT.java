package dev.tenshot.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.OpenApiContract;
import dev.tenshot.service.ServiceIT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Malformed bodies, parameters and headers sent to every operation the service maps under {@code /api}, drawn from
 * a seeded generator (the seed is in every failure message, so a failure replays): never a 5xx, every error a
 * problem, and nothing stored. Each request carries at least one thing no operation accepts, so none of them may
 * succeed in changing anything.
 */
@ServiceIT
class MalformedInputIT {

    private static final int CASES_PER_OPERATION = 40;
    private static final long SEED = 20261205L;
    private static final List<String> TABLES =
            List.of("devices", "measurements", "measurement_tasks", "search_jobs", "quality_evaluations");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyOperationAnswersMalformedInputWithAProblemAndStoresNothing() throws Exception {
        String device = new HttpApi(port)
                .registerDevice("fuzzed-" + UUID.randomUUID())
                .path("id")
                .asString();
        List<Operation> operations = operations();
        Map<String, Long> before = counts();
        var random = new SplittableRandom(SEED);
        var failures = new ArrayList<String>();
        int sent = 0;

        for (Operation operation : operations) {
            for (int c = 0; c < CASES_PER_OPERATION; c++) {
                long caseSeed = random.nextLong();
                HttpRequest request = malformed(operation, device, new SplittableRandom(caseSeed));
                HttpResponse<String> response =
                        OpenApiContract.checked(http.send(request, HttpResponse.BodyHandlers.ofString()));
                sent++;
                String contentType =
                        response.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() >= 500
                        || response.statusCode() < 400
                        || !contentType.startsWith("application/problem+json")) {
                    failures.add("%s %s (case seed %d) -> %d %s %s"
                            .formatted(
                                    request.method(),
                                    request.uri(),
                                    caseSeed,
                                    response.statusCode(),
                                    contentType,
                                    response.body().length() > 300
                                            ? response.body().substring(0, 300)
                                            : response.body()));
                }
            }
        }

        assertThat(operations).as("operations found under /api").hasSizeGreaterThan(15);
        assertThat(sent).isEqualTo(operations.size() * CASES_PER_OPERATION);
        assertThat(failures).as("answers that were not a 4xx problem").isEmpty();
        assertThat(counts()).as("rows per table").isEqualTo(before);
    }

    /** @param takesBody whether the handler reads a request body (a body sent to one that does not is ignored) */
    private record Operation(RequestMethod method, String pattern, boolean takesBody) {}

    private List<Operation> operations() {
        var operations = new ArrayList<Operation>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                boolean takesBody = java.util.Arrays.stream(handler.getMethodParameters())
                        .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    operations.add(new Operation(method, pattern, takesBody));
                }
            }
        });
        operations.sort(java.util.Comparator.comparing(Operation::pattern).thenComparing(Operation::method));
        return operations;
    }

    /** A request to the operation with at least one part no operation accepts. */
    private HttpRequest malformed(Operation operation, String device, SplittableRandom random) {
        String path = operation
                .pattern()
                .replace("{deviceId}", random.nextInt(4) == 0 ? device : pathValue(random))
                .replace("{id}", pathValue(random))
                .replace("{taskId}", random.nextBoolean() ? pathValue(random) : "1")
                .replace("{space}", random.nextBoolean() ? "mmdit-pruning" : pathValue(random));
        // The broken part: a body no endpoint parses (when it reads one), else a query no endpoint accepts.
        boolean breakBody = operation.takesBody() && random.nextInt(3) > 0;
        String query = breakBody ? validishQuery(random) : brokenQuery(random);
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + query));
        if (random.nextInt(8) > 0) {
            builder.header("Authorization", "Bearer " + HttpApi.ADMIN_TOKEN);
        } else {
            builder.header("Authorization", pick(random, "Bearer ", "Basic Zm9vOmJhcg==", "Bearer \u00e9t\u00e9", "x"));
        }
        if (random.nextInt(4) == 0) {
            builder.header("Accept", pick(random, "image/png", "text/csv", "application/xml", "*/*;q=x"));
        }
        String body = breakBody ? brokenBody(random) : "{}";
        String contentType = breakBody && random.nextInt(5) == 0
                ? pick(random, "text/plain", "application/x-www-form-urlencoded", "application/xml", "nonsense")
                : "application/json";
        return switch (operation.method()) {
            case POST ->
                builder.header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
            case PUT ->
                builder.header("Content-Type", contentType)
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build();
            case DELETE -> builder.DELETE().build();
            default -> builder.GET().build();
        };
    }

    private static String pathValue(SplittableRandom random) {
        return pick(
                random,
                "x",
                "-1",
                "0",
                "99999999999999999999",
                "%00",
                "%E2%82%AC",
                "null",
                "1.5",
                UUID.randomUUID().toString(),
                "00000000-0000-0000-0000-00000000000g");
    }

    private static String validishQuery(SplittableRandom random) {
        return random.nextBoolean() ? "" : "?page=0&size=10";
    }

    /** A query string no operation accepts: a nameless parameter, or a NUL in a name or value. */
    private static String brokenQuery(SplittableRandom random) {
        String noise = pick(
                random,
                "",
                "&page=2147483646",
                "&page=-1",
                "&size=0",
                "&page=1.5",
                "&state=NOT_A_STATE",
                "&measuredSince=not-a-time",
                "&page=" + random.nextLong());
        return "?"
                + pick(
                        random,
                        "=1",
                        "=",
                        "page=%00",
                        "%00=1",
                        "metric=" + URLEncoder.encode("a\u0000b", StandardCharsets.UTF_8))
                + noise;
    }

    private static String brokenBody(SplittableRandom random) {
        String valid = "{\"measurements\": [], \"configs\": [], \"devices\": [], \"leases\": [], \"name\": \"x\"}";
        return switch (random.nextInt(9)) {
            case 0 -> valid.substring(0, 1 + random.nextInt(valid.length() - 1)); // truncated
            case 1 -> "[".repeat(2000) + "]".repeat(2000); // deep nesting
            case 2 -> "{\"name\": \"" + "\\u0000".repeat(5) + "\", \"kind\": 7}";
            case 3 -> "{\"max\": 1.5, \"leaseSeconds\": \"12\"}";
            case 4 -> "{\"measurements\": [{\"latency\": {\"endToEndMs\": \"12\"}}]}";
            case 5 -> "{\"unknownField\": true}";
            case 6 -> "{\"configs\": [" + "1e999,".repeat(3) + "null]}";
            case 7 -> {
                var bytes = new byte[1 + random.nextInt(200)];
                random.nextBytes(bytes);
                bytes[0] = '{';
                yield new String(bytes, StandardCharsets.ISO_8859_1);
            }
            default -> "\"just a string\"";
        };
    }

    private static String pick(SplittableRandom random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private Map<String, Long> counts() {
        var counts = new TreeMap<String, Long>();
        for (String table : TABLES) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        return counts;
    }
}

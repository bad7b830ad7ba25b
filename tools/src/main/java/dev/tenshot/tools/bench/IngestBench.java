package dev.tenshot.tools.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest benchmark client, JDK only. Registers a device on a running tenshot service, pre-generates every batch of
 * measurements (mmdit-pruning configs drawn from a seeded SplittableRandom), warms up on a separate device, then
 * posts all batches sequentially twice: the first pass is timed, the second must store nothing. Prints a summary
 * and {@code key=value} lines for scripts/bench-ingest.
 *
 * <pre>scripts/run-tool dev.tenshot.tools.bench.IngestBench --url http://127.0.0.1:18080 --admin-token T [--measurements 100000]
 *     [--batch 1000] [--seed 42] [--warmup-batches 5]</pre>
 *
 * Any answer other than the expected status aborts with the body printed (exit 1).
 */
public class IngestBench {

    private static final int BLOCKS = 24;
    private static final double[] WIDTHS = {0.25, 0.5, 0.75, 1};
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern STORED = Pattern.compile("\"stored\"\\s*:\\s*(\\d+)");
    private static final Pattern ALREADY_STORED = Pattern.compile("\"alreadyStored\"\\s*:\\s*\\[([^\\]]*)\\]");

    record Options(URI url, String adminToken, int measurements, int batchSize, long seed, int warmupBatches) {

        Options {
            if (!"127.0.0.1".equals(url.getHost()) && !"localhost".equals(url.getHost())) {
                throw new IllegalArgumentException("the bench only talks to 127.0.0.1: got " + url);
            }
            if (measurements < 1) {
                throw new IllegalArgumentException("--measurements must be >= 1: " + measurements);
            }
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("--batch must be in 1..10000: " + batchSize);
            }
            if (warmupBatches < 0) {
                throw new IllegalArgumentException("--warmup-batches must be >= 0: " + warmupBatches);
            }
        }

        static Options parse(String[] args) {
            String url = "http://127.0.0.1:18080";
            String adminToken = System.getenv().getOrDefault("TENSHOT_ADMIN_TOKEN", "");
            int measurements = 100_000;
            int batchSize = 1_000;
            long seed = 42;
            int warmupBatches = 5;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + flag);
                }
                String value = args[++i];
                switch (flag) {
                    case "--url" -> url = value;
                    case "--admin-token" -> adminToken = value;
                    case "--measurements" -> measurements = Integer.parseInt(value);
                    case "--batch" -> batchSize = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--warmup-batches" -> warmupBatches = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown flag " + flag);
                }
            }
            if (adminToken.isEmpty()) {
                throw new IllegalArgumentException("--admin-token (or env TENSHOT_ADMIN_TOKEN) is required");
            }
            return new Options(URI.create(url), adminToken, measurements, batchSize, seed, warmupBatches);
        }
    }

    record Device(String id, String agentToken) {}

    record Batch(int size, byte[] body) {}

    record Pass(long elapsedNanos, long stored, long alreadyStored, long[] batchNanos) {

        double measurementsPerSecond(long measurements) {
            return measurements / (elapsedNanos / 1e9);
        }
    }

    /** Thrown when the service answers something unexpected; main prints it and exits 1. */
    static final class UnexpectedAnswerException extends RuntimeException {
        UnexpectedAnswerException(String message) {
            super(message);
        }
    }

    private final Options options;
    private final HttpClient http;

    IngestBench(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("IngestBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            new IngestBench(options).run();
        } catch (UnexpectedAnswerException e) {
            System.err.println("IngestBench: " + e.getMessage());
            System.exit(1);
        }
    }

    void run() throws IOException, InterruptedException {
        long generateStart = System.nanoTime();
        List<Batch> batches = generate("b", options.measurements(), options.seed());
        long generateNanos = System.nanoTime() - generateStart;
        long bodyBytes = batches.stream().mapToLong(b -> b.body().length).sum();
        System.out.printf(
                Locale.ROOT,
                "generated %d measurements in %d batches (%.1f MB of JSON) in %.1f s%n",
                options.measurements(),
                batches.size(),
                bodyBytes / 1e6,
                generateNanos / 1e9);

        if (options.warmupBatches() > 0) {
            Device warmupDevice = register("bench-warmup");
            int warmupMeasurements = options.warmupBatches() * options.batchSize();
            List<Batch> warmup = generate("w", warmupMeasurements, options.seed() + 1);
            Pass pass = post(warmupDevice, warmup);
            System.out.printf(
                    Locale.ROOT,
                    "warm-up: %d batches on device %s, %.0f measurements/s (not counted)%n",
                    warmup.size(),
                    warmupDevice.id(),
                    pass.measurementsPerSecond(warmupMeasurements));
        }

        Device device = register("bench");
        System.out.println("device_id=" + device.id());

        Pass first = post(device, batches);
        if (first.stored() != options.measurements() || first.alreadyStored() != 0) {
            throw new UnexpectedAnswerException("first pass stored " + first.stored() + " and found "
                    + first.alreadyStored() + " already stored, expected " + options.measurements() + " and 0");
        }
        Pass second = post(device, batches);
        long measurementCount = measurementCount(device);

        report("first pass", first);
        report("second pass", second);
        System.out.println("measurement_count=" + measurementCount);
        System.out.println("batches=" + batches.size());
        System.out.println("first_pass_stored=" + first.stored());
        System.out.println("second_pass_stored=" + second.stored());
        System.out.println("second_pass_already_stored=" + second.alreadyStored());
        System.out.printf(Locale.ROOT, "first_pass_seconds=%.3f%n", first.elapsedNanos() / 1e9);
        System.out.printf(Locale.ROOT, "second_pass_seconds=%.3f%n", second.elapsedNanos() / 1e9);
        System.out.printf(
                Locale.ROOT, "first_pass_per_s=%d%n", Math.round(first.measurementsPerSecond(options.measurements())));
        System.out.printf(
                Locale.ROOT,
                "second_pass_per_s=%d%n",
                Math.round(second.measurementsPerSecond(options.measurements())));
    }

    private void report(String name, Pass pass) {
        long[] sorted = pass.batchNanos().clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%s: %.2f s, %.0f measurements/s, stored %d, already stored %d; per batch ms: min %.1f"
                        + " median %.1f p95 %.1f max %.1f%n",
                name,
                pass.elapsedNanos() / 1e9,
                pass.measurementsPerSecond(options.measurements()),
                pass.stored(),
                pass.alreadyStored(),
                sorted[0] / 1e6,
                percentile(sorted, 0.5) / 1e6,
                percentile(sorted, 0.95) / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static long percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** Posts every batch in order, one at a time, and times the whole pass. */
    private Pass post(Device device, List<Batch> batches) throws IOException, InterruptedException {
        URI uri = options.url().resolve("/api/v1/devices/" + device.id() + "/measurements");
        long[] batchNanos = new long[batches.size()];
        long stored = 0;
        long alreadyStored = 0;
        long start = System.nanoTime();
        for (int i = 0; i < batches.size(); i++) {
            long batchStart = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + device.agentToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(batches.get(i).body()))
                    .build();
            String body = send(request, 200);
            batchNanos[i] = System.nanoTime() - batchStart;
            stored += Long.parseLong(find(STORED, body, "stored"));
            alreadyStored += countStrings(find(ALREADY_STORED, body, "alreadyStored"));
        }
        return new Pass(System.nanoTime() - start, stored, alreadyStored, batchNanos);
    }

    private Device register(String name) throws IOException, InterruptedException {
        String body = "{\"name\":\"" + name + "\",\"kind\":\"cpu\",\"chipset\":\"bench\",\"runtime\":\"bench\","
                + "\"precision\":\"fp32\",\"simulated\":true}";
        HttpRequest request = HttpRequest.newBuilder(options.url().resolve("/api/v1/devices"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + options.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        String answer = send(request, 201);
        return new Device(stringField(answer, "id"), stringField(answer, "agentToken"));
    }

    private long measurementCount(Device device) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(options.url().resolve("/api/v1/devices/" + device.id()))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + options.adminToken())
                .GET()
                .build();
        String answer = send(request, 200);
        return Long.parseLong(find(Pattern.compile("\"measurementCount\"\\s*:\\s*(\\d+)"), answer, "measurementCount"));
    }

    private String send(HttpRequest request, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new UnexpectedAnswerException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + " (expected " + expectedStatus + "):\n" + response.body());
        }
        return response.body();
    }

    private static String stringField(String json, String field) {
        return find(Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\""), json, field);
    }

    private static String find(Pattern pattern, String json, String field) {
        Matcher matcher = pattern.matcher(json);
        if (!matcher.find()) {
            throw new UnexpectedAnswerException("no " + field + " in answer:\n" + json);
        }
        return matcher.group(1);
    }

    /** Counts the strings of a JSON array's inside; client ids here never hold quotes. */
    private static long countStrings(String arrayInside) {
        return arrayInside.chars().filter(c -> c == '"').count() / 2;
    }

    /** Builds every batch body up front so the timed passes measure the service, not JSON building. */
    private List<Batch> generate(String prefix, int measurements, long seed) {
        var random = new SplittableRandom(seed);
        Instant measuredAt = Instant.parse("2026-11-24T10:00:00Z");
        List<Batch> batches = new ArrayList<>();
        for (int first = 0, b = 0; first < measurements; first += options.batchSize(), b++) {
            int size = Math.min(options.batchSize(), measurements - first);
            var json = new StringBuilder(size * 700).append("{\"measurements\":[");
            for (int m = 0; m < size; m++) {
                String clientId = prefix + b + "-m" + m;
                if (m > 0) {
                    json.append(',');
                }
                appendMeasurement(json, clientId, measuredAt.plusSeconds(first + m), random);
            }
            json.append("]}");
            batches.add(new Batch(size, json.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return batches;
    }

    private static void appendMeasurement(
            StringBuilder json, String clientId, Instant measuredAt, SplittableRandom random) {
        boolean[] keep = new boolean[BLOCKS];
        double[] widths = new double[BLOCKS];
        double blockCost = 0;
        for (int i = 0; i < BLOCKS; i++) {
            keep[i] = i == BLOCKS - 1 || random.nextDouble() < 0.8;
            widths[i] = WIDTHS[random.nextInt(WIDTHS.length)];
            blockCost += keep[i] ? 0.5 + widths[i] : 0;
        }
        int steps = 2 + random.nextInt(3);
        double[] calls = new double[steps];
        double denoiserTotal = 0;
        for (int i = 0; i < steps; i++) {
            calls[i] = round1(blockCost * 1.6 * (1 + 0.05 * random.nextDouble()));
            denoiserTotal += calls[i];
        }
        double textEncoder = round1(10 + 5 * random.nextDouble());
        double vae = round1(25 + 10 * random.nextDouble());

        json.append("{\"clientId\":\"")
                .append(clientId)
                .append("\",\"space\":\"mmdit-pruning\",\"config\":{\"keep\":[");
        for (int i = 0; i < BLOCKS; i++) {
            if (i > 0) {
                json.append(',');
            }
            // Both spellings the space accepts: booleans and 0/1.
            if (i % 2 == 0) {
                json.append(keep[i]);
            } else {
                json.append(keep[i] ? '1' : '0');
            }
        }
        json.append("],\"mlpWidth\":[");
        for (int i = 0; i < BLOCKS; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(widths[i] == 1 ? "1" : Double.toString(widths[i]));
        }
        json.append("]},\"latency\":{\"endToEndMs\":")
                .append(round1(textEncoder + denoiserTotal + vae + random.nextDouble()))
                .append(",\"textEncoderMs\":")
                .append(textEncoder)
                .append(",\"denoiserCallsMs\":[");
        for (int i = 0; i < steps; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(calls[i]);
        }
        json.append("],\"vaeDecoderMs\":")
                .append(vae)
                .append("},\"peakMemoryBytes\":")
                .append(536_870_912L + random.nextLong(1L << 30))
                .append(",\"warmupCount\":2,\"repeatCount\":10,\"statistic\":\"median\",\"dispersionMs\":")
                .append(round1(random.nextDouble() * 2))
                .append(",\"runtimeVersion\":\"bench\",\"agentVersion\":\"bench\",\"threads\":2,\"precision\":\"fp32\"")
                .append(",\"measuredAt\":\"")
                .append(measuredAt)
                .append("\"}");
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

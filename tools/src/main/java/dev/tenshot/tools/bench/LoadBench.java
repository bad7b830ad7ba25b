package dev.tenshot.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for scripts/bench-load, JDK only: drives a running tenshot service over HTTP on 127.0.0.1 with a
 * fixed number of virtual threads per phase, each sending its next request as soon as the last one answered (closed
 * loop). Phases, each after a short unmeasured warm-up of its endpoint: predictions ({@code POST
 * /api/v1/devices/{id}/predictions} with the body file's configs) and front reads ({@code GET
 * /api/v1/search-jobs/{id}/front}, {@code Accept-Encoding: gzip}), at each concurrency; then, for comparison, front
 * reads without {@code Accept-Encoding} at the highest concurrency. Every request carries the admin token.
 *
 * <pre>scripts/run-tool dev.tenshot.tools.bench.LoadBench --admin-token T --target current,http://127.0.0.1:18280,DEVICE,JOB,PID,BODY
 *     [--target baseline,...] [--seconds 30] [--concurrency 8,32] [--identity-seconds 15]</pre>
 *
 * <p>With a second target (the same setup on another build), each phase runs on both in turn, the order alternating
 * phase by phase, and the ratios first / second come from the same minutes of the same machine.
 *
 * <p>Per phase: requests, requests/s, p50, p99 and max latency (send to last body byte), errors (any status other
 * than 2xx, or an I/O error), mean response bytes, the service's and other processes' share of the machine's CPU
 * (from {@code /proc/stat} and {@code /proc/<pid>/stat}), the service's RSS, and the slowest request by the server's
 * own timer. Ends with one line, the first
 * target's figures at the highest concurrency (errors: all phases of all targets): {@code load predictions_rps=<x> predictions_p99_ms=<x> front_rps=<x> front_p99_ms=<x>
 * errors=<n> rss_mb=<x>}. Exit 1 when a phase saw an error.
 */
public class LoadBench {

    /** Requests per phase at most, whatever its duration: the bench stays bounded on a fast machine. */
    private static final int MAX_REQUESTS = 200_000;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final String FRONT = "/api/v1/search-jobs/{id}/front";
    private static final Pattern MAX_SECONDS = Pattern.compile("\"MAX\",\"value\":([0-9.Ee+-]+)");
    private static final Duration WARMUP = Duration.ofSeconds(5);
    /** Other processes using more than this share of the machine's CPU make a phase contended. */
    private static final double QUIET_SHARE = 0.10;

    /** One running service with its ready device, its finished job and the body of a predictions request. */
    record Target(String name, URI url, String device, String job, long pid, byte[] body) {

        Target {
            if (!"127.0.0.1".equals(url.getHost())) {
                throw new IllegalArgumentException("the bench only talks to 127.0.0.1: got " + url);
            }
        }

        /** {@code name,url,device,job,pid,body-file} */
        static Target parse(String spec) {
            String[] f = spec.split(",");
            if (f.length != 6) {
                throw new IllegalArgumentException("--target name,url,device,job,pid,body-file: got " + spec);
            }
            try {
                return new Target(
                        f[0], URI.create(f[1]), f[2], f[3], Long.parseLong(f[4]), Files.readAllBytes(Path.of(f[5])));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the predictions body " + f[5], e);
            }
        }
    }

    record Options(String adminToken, List<Target> targets, Duration phase, Duration identityPhase, int[] concurrency) {

        Options {
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("at least one --target");
            }
            if (phase.isNegative() || phase.isZero() || identityPhase.isNegative()) {
                throw new IllegalArgumentException("phases need positive durations: " + phase + ", " + identityPhase);
            }
            if (concurrency.length == 0 || Arrays.stream(concurrency).anyMatch(c -> c < 1 || c > 256)) {
                throw new IllegalArgumentException("concurrency must be 1..256: " + Arrays.toString(concurrency));
            }
        }

        static Options parse(String[] args) {
            String token = null;
            List<Target> targets = new ArrayList<>();
            long seconds = 30;
            long identitySeconds = 15;
            int[] concurrency = {8, 32};
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + args[i]);
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--admin-token" -> token = value;
                    case "--target" -> targets.add(Target.parse(value));
                    case "--seconds" -> seconds = Long.parseLong(value);
                    case "--identity-seconds" -> identitySeconds = Long.parseLong(value);
                    case "--concurrency" ->
                        concurrency = Arrays.stream(value.split(","))
                                .mapToInt(Integer::parseInt)
                                .toArray();
                    default -> throw new IllegalArgumentException("unknown flag " + args[i]);
                }
            }
            if (token == null) {
                throw new IllegalArgumentException("--admin-token is required");
            }
            return new Options(
                    token, targets, Duration.ofSeconds(seconds), Duration.ofSeconds(identitySeconds), concurrency);
        }
    }

    /** One phase's figures. */
    record PhaseResult(
            String target,
            String name,
            int concurrency,
            int requests,
            int errors,
            double seconds,
            double p50Ms,
            double p99Ms,
            double maxMs,
            double meanBytes,
            String encoding,
            double serviceCpuShare,
            double otherCpuShare,
            double rssMb,
            double serverMaxMs,
            String firstError) {

        double requestsPerSecond() {
            return requests / seconds;
        }

        boolean contended() {
            return otherCpuShare > QUIET_SHARE;
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%s%-14s concurrency=%-3d requests=%-6d rps=%6.1f p50_ms=%6.0f p99_ms=%6.0f max_ms=%6.0f errors=%d"
                            + " kb_per_response=%.0f encoding=%s service_cpu=%.2f other_cpu=%.2f rss_mb=%.0f"
                            + " server_max_ms=%.0f%s",
                    target.isEmpty() ? "" : target + " ",
                    name,
                    concurrency,
                    requests,
                    requestsPerSecond(),
                    p50Ms,
                    p99Ms,
                    maxMs,
                    errors,
                    meanBytes / 1024,
                    encoding,
                    serviceCpuShare,
                    otherCpuShare,
                    rssMb,
                    serverMaxMs,
                    firstError.isEmpty() ? "" : " first_error=\"" + firstError + "\"");
        }
    }

    /** CPU ticks at one moment: the machine's busy and total time, and those of the services and this process. */
    record CpuTicks(long busy, long total, long ours) {

        static CpuTicks read(List<Target> targets) throws IOException {
            String[] cpu =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().strip().split("\\s+");
            long[] v = new long[8]; // user nice system idle iowait irq softirq steal
            for (int i = 0; i < v.length && i + 1 < cpu.length; i++) {
                v[i] = Long.parseLong(cpu[i + 1]);
            }
            long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
            long ours = processTicks("self");
            for (Target target : targets) {
                ours += processTicks(Long.toString(target.pid()));
            }
            return new CpuTicks(busy, busy + v[3] + v[4], ours);
        }

        static long processTicks(String pid) throws IOException {
            String line = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name in parentheses may hold spaces; after it: state ppid ... utime(14) stime(15)
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        /** Share of all cores' time that other processes (not the services, not this bench) used since then. */
        double otherShareSince(CpuTicks then) {
            long other = (busy - then.busy) - (ours - then.ours);
            return Math.clamp(other / (double) Math.max(1, total - then.total), 0.0, 1.0);
        }

        long totalSince(CpuTicks then) {
            return Math.max(1, total - then.total);
        }
    }

    /** What a phase sends: a name, the request to a target, and the endpoint's URI template in the server's metrics. */
    record Load(String name, String uriTemplate, Function<Target, HttpRequest> request) {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String bearer = "Bearer " + options.adminToken();
        var predictions = new Load(
                "predictions",
                "/api/v1/devices/{deviceId}/predictions",
                t -> HttpRequest.newBuilder(t.url().resolve("/api/v1/devices/" + t.device() + "/predictions"))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Authorization", bearer)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(t.body()))
                        .build());
        Function<Target, HttpRequest.Builder> front =
                t -> HttpRequest.newBuilder(t.url().resolve("/api/v1/search-jobs/" + t.job() + "/front"))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Authorization", bearer)
                        .GET();
        var gzipFront = new Load(
                "front-gzip",
                FRONT,
                t -> front.apply(t).header("Accept-Encoding", "gzip").build());
        var identityFront =
                new Load("front-identity", FRONT, t -> front.apply(t).build());

        int top = Arrays.stream(options.concurrency()).max().orElseThrow();
        List<Target> targets = options.targets();
        System.out.printf(
                Locale.ROOT,
                "%d cores; phases of %d s at concurrency %s, %d s warm-up per endpoint%s%n",
                Runtime.getRuntime().availableProcessors(),
                options.phase().toSeconds(),
                Arrays.toString(options.concurrency()),
                WARMUP.toSeconds(),
                targets.size() == 1
                        ? ""
                        : "; targets " + targets.stream().map(Target::name).toList()
                                + " take turns phase by phase (the order alternates), so that both see the same noise");
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build()) {
            var bench = new LoadBench(client, options);
            List<PhaseResult> results = new ArrayList<>();
            for (Load load : List.of(predictions, gzipFront)) {
                for (Target target : targets) {
                    bench.run(target, load, 8, WARMUP);
                }
                for (int c : options.concurrency()) {
                    results.addAll(bench.turns(load, c, options.phase()));
                }
            }
            if (!options.identityPhase().isZero()) {
                results.addAll(bench.turns(identityFront, top, options.identityPhase()));
            }
            report(results, targets, top);
        }
    }

    private final HttpClient client;
    private final Options options;
    private int turn;

    LoadBench(HttpClient client, Options options) {
        this.client = client;
        this.options = options;
    }

    /** One phase on each target in turn, the first target first on every other phase. */
    List<PhaseResult> turns(Load load, int concurrency, Duration length) throws IOException, InterruptedException {
        List<Target> order = new ArrayList<>(options.targets());
        if (turn++ % 2 == 1) {
            java.util.Collections.reverse(order);
        }
        List<PhaseResult> results = new ArrayList<>();
        for (Target target : order) {
            PhaseResult result = run(target, load, concurrency, length);
            System.out.println(result.line());
            results.add(result);
        }
        return results;
    }

    PhaseResult run(Target target, Load load, int concurrency, Duration length)
            throws IOException, InterruptedException {
        HttpRequest request = load.request().apply(target);
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        var errors = new AtomicInteger();
        var sent = new AtomicInteger();
        var bytes = new AtomicLong();
        var firstError = new AtomicReference<String>("");
        var encoding = new AtomicReference<String>("identity");
        CpuTicks before = CpuTicks.read(options.targets());
        long serviceBefore = CpuTicks.processTicks(Long.toString(target.pid()));
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < concurrency; t++) {
                int worker = t;
                latencies[worker] = new long[1024];
                threads.submit(() -> {
                    while (System.nanoTime() < deadline && sent.incrementAndGet() <= MAX_REQUESTS) {
                        long sentAt = System.nanoTime();
                        String error = null;
                        try {
                            HttpResponse<byte[]> response =
                                    client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            bytes.addAndGet(response.body().length);
                            response.headers().firstValue("Content-Encoding").ifPresent(encoding::set);
                            if (response.statusCode() / 100 != 2) {
                                error = "HTTP " + response.statusCode() + ": "
                                        + new String(response.body(), 0, Math.min(200, response.body().length));
                            }
                        } catch (IOException e) {
                            error = e.toString();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        if (counts[worker] == latencies[worker].length) {
                            latencies[worker] = Arrays.copyOf(latencies[worker], counts[worker] * 2);
                        }
                        latencies[worker][counts[worker]++] = System.nanoTime() - sentAt;
                        if (error != null) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(
                                    "", error.replace('"', '\'').replace('\n', ' '));
                        }
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuTicks after = CpuTicks.read(options.targets());
        long serviceTicks = CpuTicks.processTicks(Long.toString(target.pid())) - serviceBefore;
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new PhaseResult(
                options.targets().size() == 1 ? "" : target.name(),
                load.name(),
                concurrency,
                all.length,
                errors.get(),
                seconds,
                percentileMs(all, 0.50),
                percentileMs(all, 0.99),
                all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6,
                all.length == 0 ? 0 : bytes.get() / (double) all.length,
                encoding.get(),
                serviceTicks / (double) after.totalSince(before),
                after.otherShareSince(before),
                memoryMb(target.pid(), "VmRSS"),
                serverMaxMs(target, load.uriTemplate()),
                firstError.get());
    }

    /**
     * The slowest request of the endpoint by the server's own timer (Micrometer's {@code http.server.requests} max, over
     * its last two minutes or so): a slow request the server did not see was held outside it. NaN if unreadable.
     */
    private double serverMaxMs(Target target, String uriTemplate) throws InterruptedException {
        var request = HttpRequest.newBuilder(target.url()
                        .resolve("/actuator/metrics/http.server.requests?tag=uri:"
                                + URLEncoder.encode(uriTemplate, StandardCharsets.UTF_8)))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + options.adminToken())
                .build();
        try {
            Matcher max = MAX_SECONDS.matcher(
                    client.send(request, HttpResponse.BodyHandlers.ofString()).body());
            return max.find() ? Double.parseDouble(max.group(1)) * 1000 : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** The nearest-rank percentile of sorted latencies, in milliseconds. */
    private static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
    }

    /** A field of /proc/<pid>/status (VmRSS, VmHWM) in MB. */
    private static double memoryMb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException(field + " not in /proc/" + pid + "/status");
    }

    private static void report(List<PhaseResult> results, List<Target> targets, int top) throws IOException {
        for (Target target : targets) {
            System.out.printf(
                    Locale.ROOT,
                    "%sservice RSS at the end %.0f MB, peak (VmHWM) %.0f MB%n",
                    targets.size() == 1 ? "" : target.name() + ": ",
                    memoryMb(target.pid(), "VmRSS"),
                    memoryMb(target.pid(), "VmHWM"));
        }
        Target first = targets.getFirst();
        String key = targets.size() == 1 ? "" : first.name();
        PhaseResult front = find(results, key, "front-gzip", top);
        results.stream()
                .filter(r -> r.target().equals(key) && r.name().equals("front-identity"))
                .findFirst()
                .ifPresent(identity -> System.out.printf(
                        Locale.ROOT,
                        "%sfront at concurrency %d, gzip / identity in this run: rps %.2f, p99 %.2f, bytes %.3f%n",
                        key.isEmpty() ? "" : key + ": ",
                        top,
                        front.requestsPerSecond() / identity.requestsPerSecond(),
                        front.p99Ms() / identity.p99Ms(),
                        front.meanBytes() / identity.meanBytes()));
        for (Target other : targets.subList(1, targets.size())) {
            for (PhaseResult mine :
                    results.stream().filter(r -> r.target().equals(key)).toList()) {
                PhaseResult theirs = find(results, other.name(), mine.name(), mine.concurrency());
                System.out.printf(
                        Locale.ROOT,
                        "%s / %s %-14s concurrency=%-3d rps %.2f, p50 %.2f, p99 %.2f, service CPU per request %.2f%n",
                        key,
                        other.name(),
                        mine.name(),
                        mine.concurrency(),
                        mine.requestsPerSecond() / theirs.requestsPerSecond(),
                        mine.p50Ms() / theirs.p50Ms(),
                        mine.p99Ms() / theirs.p99Ms(),
                        (mine.serviceCpuShare() * mine.seconds() / mine.requests())
                                / (theirs.serviceCpuShare() * theirs.seconds() / theirs.requests()));
            }
        }
        List<String> contended = results.stream()
                .filter(PhaseResult::contended)
                .map(r -> (r.target().isEmpty() ? "" : r.target() + " ") + r.name() + "@" + r.concurrency())
                .toList();
        System.out.printf(
                Locale.ROOT,
                "contention: other processes used up to %.0f%% of the machine's CPU during a phase; %s%n",
                100
                        * results.stream()
                                .mapToDouble(PhaseResult::otherCpuShare)
                                .max()
                                .orElse(0),
                contended.isEmpty()
                        ? "all phases quiet (<= " + Math.round(100 * QUIET_SHARE) + "%)"
                        : "contended (> " + Math.round(100 * QUIET_SHARE) + "%): " + String.join(", ", contended)
                                + "; those figures are slower than this machine alone would give");
        PhaseResult predictions = find(results, key, "predictions", top);
        int errors = results.stream().mapToInt(PhaseResult::errors).sum();
        System.out.printf(
                Locale.ROOT,
                "load predictions_rps=%.1f predictions_p99_ms=%.0f front_rps=%.1f front_p99_ms=%.0f errors=%d rss_mb=%.0f%n",
                predictions.requestsPerSecond(),
                predictions.p99Ms(),
                front.requestsPerSecond(),
                front.p99Ms(),
                errors,
                memoryMb(first.pid(), "VmRSS"));
        if (errors > 0) {
            System.exit(1);
        }
    }

    private static PhaseResult find(List<PhaseResult> results, String target, String name, int concurrency) {
        return results.stream()
                .filter(r -> r.target().equals(target) && r.name().equals(name) && r.concurrency() == concurrency)
                .findFirst()
                .orElseThrow();
    }
}

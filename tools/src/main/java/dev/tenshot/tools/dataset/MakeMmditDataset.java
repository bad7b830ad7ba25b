package dev.tenshot.tools.dataset;

import dev.tenshot.agent.contention.Contention;
import dev.tenshot.agent.contention.ContentionDetector;
import dev.tenshot.agent.contention.ContentionSettings;
import dev.tenshot.agent.onnx.OnnxRunner;
import dev.tenshot.agent.onnx.OnnxSettings;
import dev.tenshot.agent.runner.DeviceProfile;
import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.sim.SimRunner;
import dev.tenshot.space.SpaceConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import dev.tenshot.space.mmdit.Precision;
import dev.tenshot.space.statistics.SampleStatistics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the MMDiT pruning space as a dataset in the generic format of {@code datasets/README.md}
 * ({@code archs.csv}, {@code latency.csv.gz}, {@code splits.csv}, {@code reference.csv}, {@code query.csv}) plus a
 * {@code README.md} saying what is simulated and what is real.
 *
 * <p>Architectures: ids 0-9 are the space's reference configs in order, then {@code --configs} distinct sampled
 * configs (seeded {@link SplittableRandom}, deduplicated by content hash against everything before them). Every
 * simulated zoo device (device {@code sim:<id>}, roofline model, no hardware) measures every architecture; this
 * machine's CPU (device {@code cpu-onnx}, real ONNX Runtime with the onnx runner's default settings) measures the
 * references and the first {@code --cpu-configs} sampled configs. A failed measurement (e.g. out of memory on a small
 * simulated device) is left out and reported.
 *
 * <p>Other processes on the machine (builds, tests) slow a CPU measurement down, on a 2-core machine by up to 3-4x.
 * The onnx runner watches every measurement for that ({@code dev.tenshot.agent.contention}: other processes' CPU time
 * from {@code /proc/stat} minus {@code /proc/self/stat}, the spread of the timed calls, a drift probe before and
 * after) and, after a contended one, waits until the machine is quiet (within a total waiting budget, {@code
 * --cpu-max-wait} seconds) and measures again, up to {@link ContentionSettings#DEFAULT_MAX_ATTEMPTS} times; it reports
 * the measurement flagged contended when none was quiet. Each config gets {@code --cpu-rounds} rounds (whole passes
 * over the list, spread out in time) and the fastest quiet measurement is stored. A sampled config with no quiet
 * measurement is left out; a reference config keeps its fastest measurement and a warning.
 *
 * <p>Usage: {@value #USAGE}. Last line: {@code mmdit_dataset archs=.. sim_devices=.. cpu_configs=.. seconds=..}
 */
public class MakeMmditDataset {

    static final String USAGE = "MakeMmditDataset <out-dir> [--configs N] [--cpu-configs Q] [--seed S]"
            + " [--cpu-rounds R] [--cpu-max-wait SECONDS]";
    static final String CPU_DEVICE = "cpu-onnx";
    static final String SIM_PREFIX = "sim:";
    /** One device of each kind for model selection: a phone NPU, a phone GPU, a small CPU, an edge GPU module. */
    static final List<String> META_VALID =
            List.of("snapdragon-8-elite-npu", "adreno-830-gpu", "raspberry-pi-5", "jetson-agx-orin-64gb");

    record Options(Path out, int configs, int cpuConfigs, long seed, int cpuRounds, int cpuMaxWaitSeconds) {

        static Options parse(String[] args) {
            Path out = null;
            int configs = 2_000;
            int cpuConfigs = 150;
            long seed = 7;
            int cpuRounds = 2;
            int cpuMaxWait = 1_200;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--configs" -> configs = Integer.parseInt(value(args, ++i));
                    case "--cpu-configs" -> cpuConfigs = Integer.parseInt(value(args, ++i));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i));
                    case "--cpu-rounds" -> cpuRounds = Integer.parseInt(value(args, ++i));
                    case "--cpu-max-wait" -> cpuMaxWait = Integer.parseInt(value(args, ++i));
                    default -> {
                        if (args[i].startsWith("--") || out != null) {
                            throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: " + USAGE);
                        }
                        out = Path.of(args[i]);
                    }
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("usage: " + USAGE);
            }
            if (cpuRounds < 1 || cpuMaxWait < 0) {
                throw new IllegalArgumentException(
                        "need --cpu-rounds >= 1 and --cpu-max-wait >= 0: got " + cpuRounds + " and " + cpuMaxWait);
            }
            if (configs < 0 || cpuConfigs < 0 || cpuConfigs > configs) {
                throw new IllegalArgumentException("need 0 <= --cpu-configs <= --configs: got --configs " + configs
                        + ", --cpu-configs " + cpuConfigs);
            }
            return new Options(out, configs, cpuConfigs, seed, cpuRounds, cpuMaxWait);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    /** One latency row. */
    record Latency(String device, int archId, double ms) {}

    /**
     * One CPU measurement (the runner's kept attempt) and how much of the machine other processes used while it ran.
     *
     * @param otherShare NaN where {@code /proc} could not be read
     * @param driftRatio NaN before the runner's drift probe had a baseline
     * @param quiet not flagged contended
     */
    record CpuSample(double ms, double relativeIqr, double otherShare, double driftRatio, boolean quiet) {

        static CpuSample of(RunOutcome.Measured measured) {
            Contention contention = Objects.requireNonNull(measured.contention(), "the onnx runner reports contention");
            return new CpuSample(
                    measured.latency().endToEndMs(),
                    contention.relativeIqr() == null ? Double.NaN : contention.relativeIqr(),
                    contention.otherCpuShare() == null ? Double.NaN : contention.otherCpuShare(),
                    contention.driftRatio() == null ? Double.NaN : contention.driftRatio(),
                    !Boolean.TRUE.equals(contention.contended()));
        }
    }

    /** What the CPU part produced, for the files and the README. */
    record CpuResult(
            DeviceProfile device,
            OnnxSettings settings,
            String runtimeVersion,
            List<Latency> latencies,
            List<Integer> query,
            Map<Integer, String> failures,
            Map<Integer, String> contendedOnly,
            String noise,
            double seconds) {}

    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        Options options = Options.parse(args);
        var space = MmditPruningSpace.neodragon();

        // architectures: the references, then distinct samples
        List<SpaceConfig> archs = new ArrayList<>(space.referenceConfigs());
        if (archs.size() != 10) {
            throw new IllegalStateException("expected 10 reference configs, got " + archs.size());
        }
        var seen = new HashSet<String>();
        archs.forEach(config -> seen.add(config.contentHash()));
        // the corners a search drives to (fewest steps, fewest blocks, narrowest widths, mixed), all measured
        for (SpaceConfig corner : space.corners()) {
            if (seen.add(corner.contentHash())) {
                archs.add(corner);
            }
        }
        int fixed = archs.size();
        var random = new SplittableRandom(options.seed());
        int draws = 0;
        while (archs.size() < fixed + options.configs()) {
            SpaceConfig config = space.sample(random);
            draws++;
            if (seen.add(config.contentHash())) {
                archs.add(config);
            }
        }
        int duplicates = draws - options.configs();
        System.out.printf(
                "%d archs: 10 reference + %d corners + %d sampled (seed %d, %d draws, %d duplicates" + " dropped)%n",
                archs.size(), fixed - 10, options.configs(), options.seed(), draws, duplicates);

        // simulated zoo
        List<String> simIds = SimRunner.deviceIds();
        for (String id : META_VALID) {
            if (!simIds.contains(id)) {
                throw new IllegalStateException("meta_valid device '" + id + "' is not in the zoo " + simIds);
            }
        }
        var latencies = new ArrayList<Latency>();
        Map<String, Integer> simFailures = new LinkedHashMap<>();
        Map<String, String> simFailureExample = new LinkedHashMap<>();
        Map<String, DeviceProfile> simProfiles = new LinkedHashMap<>();
        long simStart = System.nanoTime();
        for (String id : simIds) {
            SimRunner runner = SimRunner.of(id, options.seed());
            simProfiles.put(id, runner.device());
            int failed = 0;
            for (int archId = 0; archId < archs.size(); archId++) {
                switch (runner.run(task(archId, space, archs.get(archId)))) {
                    case RunOutcome.Measured m ->
                        latencies.add(
                                new Latency(SIM_PREFIX + id, archId, m.latency().endToEndMs()));
                    case RunOutcome.Failed f -> {
                        failed++;
                        simFailureExample.putIfAbsent(id, "arch " + archId + ": " + f.reason());
                    }
                }
            }
            simFailures.put(id, failed);
            System.out.printf(
                    "  sim:%-26s %-4s %5d measured %5d failed%n",
                    id, runner.device().kind(), archs.size() - failed, failed);
        }
        System.out.printf(
                "simulated zoo: %d devices x %d archs in %.1f s%n",
                simIds.size(), archs.size(), (System.nanoTime() - simStart) / 1e9);
        simFailureExample.forEach((id, example) -> System.out.println("  first failure on sim:" + id + ": " + example));

        // this machine's CPU, real ONNX Runtime
        CpuResult cpu = measureCpu(options, space, archs, fixed);
        latencies.addAll(cpu.latencies());

        // files
        Files.createDirectories(options.out());
        writeArchs(options.out().resolve("archs.csv"), space, archs);
        writeLatency(options.out().resolve("latency.csv.gz"), latencies);
        writeLines(options.out().resolve("splits.csv"), splits(simIds));
        var reference = new ArrayList<String>(List.of("position,arch_id"));
        for (int i = 0; i < 10; i++) {
            reference.add(i + "," + i);
        }
        writeLines(options.out().resolve("reference.csv"), reference);
        writeQuery(options.out().resolve("query.csv"), cpu.query());
        writeQuery(
                options.out().resolve("query-corners.csv"),
                cpu.query().stream().filter(id -> id < fixed).toList());
        writeQuery(
                options.out().resolve("query-random.csv"),
                cpu.query().stream().filter(id -> id >= fixed).toList());

        writeReadme(
                options,
                space,
                archs.size(),
                fixed,
                draws,
                duplicates,
                simIds,
                simProfiles,
                simFailures,
                simFailureExample,
                cpu,
                latencies.size());
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT, "wrote %s: %d archs, %d latency rows%n", options.out(), archs.size(), latencies.size());
        System.out.printf(
                Locale.ROOT,
                "mmdit_dataset archs=%d sim_devices=%d cpu_configs=%d seconds=%.0f%n",
                archs.size(),
                simIds.size(),
                cpu.latencies().size(),
                seconds);
    }

    /**
     * Rounds over the references and the first {@code --cpu-configs} samples; within a round, a config is measured
     * again (after waiting for the machine to go quiet) until one measurement is quiet.
     */
    static void writeQuery(Path file, List<Integer> archIds) throws IOException {
        var lines = new ArrayList<String>(List.of("arch_id"));
        archIds.forEach(id -> lines.add(Integer.toString(id)));
        writeLines(file, lines);
    }

    /** {@code fixed}: the references and the corners, always measured; then the first {@code --cpu-configs} samples. */
    static CpuResult measureCpu(Options options, MmditPruningSpace space, List<SpaceConfig> archs, int fixed) {
        int count = fixed + options.cpuConfigs();
        Duration maxWait = Duration.ofSeconds(options.cpuMaxWaitSeconds());
        var contention = ContentionSettings.defaults().withMaxWait(maxWait, maxWait);
        var settings = OnnxSettings.defaults().withContention(contention);
        var samples = new ArrayList<List<CpuSample>>();
        for (int archId = 0; archId < count; archId++) {
            samples.add(new ArrayList<>());
        }
        var failures = new TreeMap<Integer, String>();
        String runtimeVersion = "?";
        DeviceProfile device;
        boolean detectable = ContentionDetector.onThisMachine(contention).canCheck();
        double waited = 0;
        int measurements = 0;
        int contended = 0;
        double minWall = Double.POSITIVE_INFINITY;
        double maxWall = 0;
        String loadBefore = loadAverage();
        long start = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "cpu-onnx: %d configs x %d rounds, ONNX Runtime at scale %s, %d warm-up + %d"
                        + " timed calls per stage, %d threads; a measurement counts when other processes used < %.0f%%"
                        + " of the CPU meanwhile, its calls agree and the drift probe holds%s%n",
                count,
                options.cpuRounds(),
                settings.scale().label(),
                settings.warmup(),
                settings.repeats(),
                settings.threads(),
                100 * contention.maxOtherCpuShare(),
                detectable ? "" : " (WARNING: /proc unreadable, not checked)");
        try (var runner = OnnxRunner.create(settings)) {
            device = runner.device();
            for (int round = 0; round < options.cpuRounds(); round++) {
                long roundStart = System.nanoTime();
                for (int archId = 0; archId < count; archId++) {
                    if (failures.containsKey(archId)) {
                        continue;
                    }
                    // the runner waits for quiet and measures again until an attempt is quiet, or flags it contended
                    double waitedBefore = runner.waitedForQuiet().toNanos() / 1e9;
                    long callStart = System.nanoTime();
                    RunOutcome outcome = runner.run(task(archId, space, archs.get(archId)));
                    double wall = (System.nanoTime() - callStart) / 1e9;
                    waited = runner.waitedForQuiet().toNanos() / 1e9;
                    if (outcome instanceof RunOutcome.Failed f) {
                        failures.put(archId, f.reason());
                        System.out.printf("  cpu-onnx arch %d FAILED: %s%n", archId, f.reason());
                        measurements++;
                        continue;
                    }
                    var m = (RunOutcome.Measured) outcome;
                    runtimeVersion = m.runtimeVersion();
                    var sample = CpuSample.of(m);
                    samples.get(archId).add(sample);
                    int attempts = Objects.requireNonNull(
                            Objects.requireNonNull(m.contention()).attempts());
                    measurements += attempts;
                    contended += sample.quiet() ? attempts - 1 : attempts;
                    double eachWall = (wall - (waited - waitedBefore)) / attempts;
                    minWall = Math.min(minWall, eachWall);
                    maxWall = Math.max(maxWall, eachWall);
                    if ((archId + 1) % 10 == 0 || archId + 1 == count) {
                        double elapsed = (System.nanoTime() - roundStart) / 1e9;
                        System.out.printf(
                                Locale.ROOT,
                                "  cpu-onnx round %d: %3d/%d  elapsed %.0f s, eta %.0f s;"
                                        + " %d contended measurements so far, %.0f s waited for quiet%n",
                                round + 1,
                                archId + 1,
                                count,
                                elapsed,
                                elapsed / (archId + 1) * (count - archId - 1),
                                contended,
                                waited);
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        var latencies = new ArrayList<Latency>();
        var query = new ArrayList<Integer>();
        var contendedOnly = new TreeMap<Integer, String>();
        var spreads = new ArrayList<Double>();
        var iqrs = new ArrayList<Double>();
        var drifts = new ArrayList<Double>();
        var stored = new double[count];
        for (int archId = 0; archId < count; archId++) {
            List<CpuSample> all = samples.get(archId);
            List<CpuSample> quiet = all.stream().filter(CpuSample::quiet).toList();
            stored[archId] = Double.NaN;
            if (all.isEmpty()) {
                continue;
            }
            String history = all.stream()
                    .map(s -> String.format(
                            Locale.ROOT,
                            "%.0f ms (others %.0f%%, drift %.2f)",
                            s.ms(),
                            100 * s.otherShare(),
                            s.driftRatio()))
                    .toList()
                    .toString();
            if (quiet.isEmpty() && archId >= 10) {
                contendedOnly.put(archId, history);
                continue;
            }
            if (quiet.isEmpty()) {
                contendedOnly.put(archId, history + " - kept (reference)");
                System.out.println("WARNING: reference arch " + archId + " has no quiet measurement, keeping the"
                        + " fastest of " + history);
            }
            List<CpuSample> usable = quiet.isEmpty() ? all : quiet;
            CpuSample best = usable.stream()
                    .min((a, b) -> Double.compare(a.ms(), b.ms()))
                    .orElseThrow();
            double slowest = usable.stream().mapToDouble(CpuSample::ms).max().orElseThrow();
            if (usable.size() > 1) {
                spreads.add(slowest / best.ms());
            }
            iqrs.add(best.relativeIqr());
            drifts.add(best.driftRatio());
            stored[archId] = best.ms();
            latencies.add(new Latency(CPU_DEVICE, archId, best.ms()));
            if (archId >= 10) {
                query.add(archId);
            }
        }
        if (!contendedOnly.isEmpty()) {
            System.out.println("  no quiet measurement (arch: measurements): " + contendedOnly);
        }
        double[] spreadSorted =
                spreads.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] iqrSorted = iqrs.stream()
                .mapToDouble(Double::doubleValue)
                .filter(Double::isFinite)
                .sorted()
                .toArray();
        double[] driftSorted = drifts.stream()
                .mapToDouble(Double::doubleValue)
                .filter(Double::isFinite)
                .sorted()
                .toArray();
        double[] gflops = new double[count];
        for (int archId = 0; archId < count; archId++) {
            gflops[archId] = space.costs()
                            .pipeline(space.cast(archs.get(archId)), Precision.FP16)
                            .denoiserFlops()
                    / 1e9;
        }
        String noise = String.format(
                Locale.ROOT,
                "%d measurements (%.2f-%.2f s each) of which %d contended and discarded, %.0f s spent waiting for"
                        + " quiet; slowest / fastest quiet measurement of a config median %.3f, max %.3f;"
                        + " relative IQR of the timed calls of the stored measurement median %.3f, max %.3f;"
                        + " drift probe during the stored measurement over its fastest median %.3f, max %.3f;"
                        + " Spearman rho of the stored latencies with denoiser_gflops %.3f; load average (1, 5, 15 min)"
                        + " %s before, %s after",
                measurements,
                minWall,
                maxWall,
                contended,
                waited,
                quantile(spreadSorted, 0.5),
                quantile(spreadSorted, 1.0),
                quantile(iqrSorted, 0.5),
                quantile(iqrSorted, 1.0),
                quantile(driftSorted, 0.5),
                quantile(driftSorted, 1.0),
                spearman(stored, gflops),
                loadBefore,
                loadAverage());
        System.out.printf(
                Locale.ROOT,
                "cpu-onnx: %d stored, %d failed, %d left out without a quiet measurement, in" + " %.0f s; %s%n",
                latencies.size(),
                failures.size(),
                contendedOnly.size()
                        - (int) contendedOnly.keySet().stream()
                                .filter(id -> id < 10)
                                .count(),
                seconds,
                noise);
        return new CpuResult(
                device, settings, runtimeVersion, latencies, query, failures, contendedOnly, noise, seconds);
    }

    /** The first three fields of /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return String.join(" ", Arrays.asList(fields).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static MeasurementTask task(int archId, MmditPruningSpace space, SpaceConfig config) {
        return new MeasurementTask(archId, space.name(), space.cast(config).toJson());
    }

    static List<String> splits(List<String> simIds) {
        var lines = new ArrayList<String>(List.of("device,split"));
        for (String id : simIds) {
            lines.add(SIM_PREFIX + id + "," + (META_VALID.contains(id) ? "meta_valid" : "meta_train"));
        }
        lines.add(CPU_DEVICE + ",meta_test");
        return lines;
    }

    static void writeArchs(Path file, MmditPruningSpace space, List<SpaceConfig> archs) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("arch_id,arch_string," + String.join(",", space.featureNames()) + "\n");
            for (int archId = 0; archId < archs.size(); archId++) {
                SpaceConfig config = archs.get(archId);
                var line = new StringBuilder()
                        .append(archId)
                        .append(',')
                        .append(csvQuote(config.toJson().toString()));
                for (double value : space.features(config)) {
                    line.append(',').append(number(value));
                }
                out.write(line.append('\n').toString());
            }
        }
    }

    static void writeLatency(Path file, List<Latency> latencies) throws IOException {
        try (Writer out = new BufferedWriter(
                new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
            out.write("device,arch_id,latency_ms\n");
            for (Latency row : latencies) {
                out.write(row.device() + "," + row.archId() + "," + row.ms() + "\n");
            }
        }
    }

    static void writeLines(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180: in double quotes, inner double quotes doubled. */
    static String csvQuote(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** Integers without a fraction, everything else as Java's shortest round-trip decimal. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** Type-7 quantile (SampleStatistics), NaN for an empty sample. */
    static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : SampleStatistics.quantile(sorted, q);
    }

    /** Spearman's rho (average ranks for ties) over the positions where {@code a} is finite. */
    static double spearman(double[] a, double[] b) {
        int[] keep =
                IntStream.range(0, a.length).filter(i -> Double.isFinite(a[i])).toArray();
        return keep.length < 2
                ? Double.NaN
                : SampleStatistics.spearman(
                        Arrays.stream(keep).mapToDouble(i -> a[i]).toArray(),
                        Arrays.stream(keep).mapToDouble(i -> b[i]).toArray());
    }

    static void writeReadme(
            Options options,
            MmditPruningSpace space,
            int archCount,
            int fixed,
            int draws,
            int duplicates,
            List<String> simIds,
            Map<String, DeviceProfile> simProfiles,
            Map<String, Integer> simFailures,
            Map<String, String> simFailureExample,
            CpuResult cpu,
            int latencyRows) {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String command = System.getenv()
                .getOrDefault(
                        "MMDIT_DATASET_COMMAND",
                        "scripts/make-mmdit-dataset --out " + options.out() + " --configs "
                                + options.configs()
                                + " --cpu-configs " + options.cpuConfigs() + " --seed " + options.seed()
                                + " --cpu-rounds " + options.cpuRounds() + " --cpu-max-wait "
                                + options.cpuMaxWaitSeconds());
        OnnxSettings settings = cpu.settings();
        DeviceProfile device = cpu.device();
        int lastCpu = fixed + options.cpuConfigs() - 1;
        int leftOut = (int)
                cpu.contendedOnly().keySet().stream().filter(id -> id >= 10).count();
        var md = new StringBuilder();
        md.append("# mmdit/ — MMDiT pruning space: simulated device zoo + this machine's real CPU\n\n");
        md.append("Generated by `scripts/make-mmdit-dataset` on ")
                .append(date)
                .append(". Do not edit by hand;")
                .append(" regenerate instead.\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append("## What is simulated and what is real\n\n");
        md.append("- The ")
                .append(simIds.size())
                .append(" `sim:<id>` devices are **simulated**: every latency is")
                .append(" computed by the sim runner's roofline model (`dev.tenshot.agent.sim.SimRunner`, device zoo")
                .append(" `device-zoo.json`) from public peak compute / bandwidth / memory specs and our own")
                .append(" efficiency, overhead and noise estimates. No hardware ran them. Runner noise seed ")
                .append(options.seed())
                .append(", ")
                .append(SimRunner.DEFAULT_WARMUP)
                .append(" warm-up + ")
                .append(SimRunner.DEFAULT_REPEATS)
                .append(" simulated runs, median end to end (full-size model at the")
                .append(" device's precision).\n");
        md.append("- `cpu-onnx` is **real**: measured on this machine's CPU with ONNX Runtime through the onnx runner")
                .append(" (`dev.tenshot.agent.onnx.OnnxRunner`, `OnnxSettings.defaults()`). It times only the")
                .append(" denoiser's kept MMDiT joint blocks with random weights, **scaled down** to the runner's")
                .append(" default scale (")
                .append(settings.scale().label())
                .append(", ")
                .append(settings.scale().textTokens())
                .append(" text tokens; `")
                .append(settings.scale().toJson())
                .append("`), FP32, ")
                .append(settings.warmup())
                .append(" warm-up + ")
                .append(settings.repeats())
                .append(" timed calls per pyramid stage, ")
                .append(settings.threads())
                .append(" intra-op threads, ")
                .append(cpu.runtimeVersion())
                .append("; latency = sum over stages of the median call time x calls.")
                .append(" Its absolute values are not comparable with the simulated devices' (other scale, other")
                .append(" stages); its ranking of the configs is what the test scores.\n\n");
        md.append("Machine: ")
                .append(device.chipset())
                .append(", ")
                .append(device.attributes().get("cores"))
                .append(" cores, ")
                .append(device.attributes().get("os").asString())
                .append(" (")
                .append(device.attributes().get("arch").asString())
                .append(").\n\n");
        ContentionSettings contention = settings.contention();
        md.append("Other processes on this shared 2-core machine slow a measurement down by up to 3-4x. The onnx")
                .append(
                        " runner therefore watches each CPU measurement (`dev.tenshot.agent.contention`) and discards it")
                .append(" as contended when other processes used ")
                .append(String.format(Locale.ROOT, "%.0f%%", 100 * contention.maxOtherCpuShare()))
                .append(" or more of the machine's CPU time meanwhile (`/proc/stat` minus `/proc/self/stat`), when its")
                .append(" timed calls spread too widely (relative IQR above ")
                .append(contention.maxRelativeIqr())
                .append(" or slowest over fastest call above ")
                .append(contention.maxMinRatio())
                .append(") or when a small fixed drift-probe config timed right before and after it ran more than ")
                .append(contention.maxDriftRatio())
                .append("x slower than its fastest (a slowdown `/proc` does not")
                .append(" show, e.g. other tenants of the virtual machine's host or clock changes); it then waits for")
                .append(" the machine to go quiet (at most ")
                .append(options.cpuMaxWaitSeconds())
                .append(" s in all) and measures again, up to ")
                .append(contention.maxAttempts())
                .append(" times. Every config was measured in ")
                .append(options.cpuRounds())
                .append(" rounds (passes over the whole list) and the fastest quiet")
                .append(" measurement is stored. Quiet measurements of one config still differ (ratio below); storing")
                .append(" the fastest limits it. CPU measuring took ")
                .append(String.format(Locale.ROOT, "%.0f s", cpu.seconds()))
                .append(": ")
                .append(cpu.noise())
                .append(".\n\n");
        md.append("## Files (generic format, see `datasets/README.md`)\n\n");
        md.append("| file | contents |\n|---|---|\n");
        md.append("| `archs.csv` | ")
                .append(archCount)
                .append(" rows. `arch_id` 0-9: the space's ten reference configs")
                .append(" (`MmditPruningSpace.neodragon().referenceConfigs()`: reference set v")
                .append(space.referenceSets().lastKey())
                .append(", in order); 10-")
                .append(fixed - 1)
                .append(": the corners a search drives to (`corners()`, those not among the references); ")
                .append(fixed)
                .append("-")
                .append(archCount - 1)
                .append(": ")
                .append(options.configs())
                .append(" configs from `sample(new SplittableRandom(")
                .append(options.seed())
                .append("))`, deduplicated by content hash (")
                .append(draws)
                .append(" draws, ")
                .append(duplicates)
                .append(" duplicates dropped). `arch_string` is the canonical")
                .append(" config JSON (CSV-quoted); then the ")
                .append(space.featureNames().size())
                .append(" feature columns of `featureNames()` |\n");
        md.append("| `latency.csv.gz` | ")
                .append(latencyRows)
                .append(" rows `device,arch_id,latency_ms`: every")
                .append(" simulated device on every arch it could run; `cpu-onnx` on ")
                .append(cpu.latencies().size())
                .append(" of arch 0-")
                .append(lastCpu)
                .append(" |\n");
        md.append("| `splits.csv` | `cpu-onnx` meta_test; ")
                .append(META_VALID.size())
                .append(" simulated devices meta_valid; the other ")
                .append(simIds.size() - META_VALID.size())
                .append(" meta_train |\n");
        md.append("| `reference.csv` | positions 0-9 = arch 0-9 |\n");
        md.append("| `query.csv` | ")
                .append(cpu.query().size())
                .append(" archs: the corners and sampled configs with a `cpu-onnx` latency (of 10-")
                .append(lastCpu)
                .append(") |\n");
        md.append("| `query-corners.csv`, `query-random.csv` | the same split into the corners (arch 10-")
                .append(fixed - 1)
                .append(") and the random samples |\n\n");
        md.append("## Devices\n\n| device | split | kind | name | precision | archs without latency |\n")
                .append("|---|---|---|---|---|---|\n");
        for (String id : simIds) {
            DeviceProfile p = Objects.requireNonNull(simProfiles.get(id));
            md.append("| `")
                    .append(SIM_PREFIX)
                    .append(id)
                    .append("` | ")
                    .append(META_VALID.contains(id) ? "meta_valid" : "meta_train")
                    .append(" | ")
                    .append(p.kind())
                    .append(" | ")
                    .append(p.name())
                    .append(" | ")
                    .append(p.precision())
                    .append(" | ")
                    .append(simFailures.get(id))
                    .append(" |\n");
        }
        md.append("| `")
                .append(CPU_DEVICE)
                .append("` | meta_test | ")
                .append(device.kind())
                .append(" | real: ")
                .append(device.name())
                .append(" | fp32 | ")
                .append(cpu.failures().size() + leftOut)
                .append(" of ")
                .append(fixed + options.cpuConfigs())
                .append(" measured |\n\n");
        md.append("meta_valid takes one device of each kind: a phone NPU, a phone GPU, a small CPU and an edge GPU")
                .append(" module; the rest are meta_train.\n");
        if (!simFailureExample.isEmpty()
                || !cpu.failures().isEmpty()
                || !cpu.contendedOnly().isEmpty()) {
            md.append("\nArchs without a latency on a device have no row. ");
            if (!simFailureExample.isEmpty()) {
                md.append("Simulated failures are the roofline's out-of-memory check (weights + activations above")
                        .append(" the device's RAM), e.g. ")
                        .append(simFailureExample.values().iterator().next().replace("|", "/"))
                        .append(". ");
            }
            cpu.failures()
                    .forEach((id, reason) -> md.append("cpu-onnx arch ")
                            .append(id)
                            .append(" failed: ")
                            .append(reason.replace("|", "/"))
                            .append(". "));
            cpu.contendedOnly()
                    .forEach((id, history) -> md.append("cpu-onnx arch ")
                            .append(id)
                            .append(" had no quiet measurement: ")
                            .append(history)
                            .append(". "));
            md.append('\n');
        }
        writeLines(options.out().resolve("README.md"), List.of(md.toString().stripTrailing()));
    }
}

package dev.tenshot.agent.sim;

import dev.tenshot.agent.contention.Contention;
import dev.tenshot.agent.runner.DeviceProfile;
import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.Quantiles;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.runner.Runner;
import dev.tenshot.agent.runner.StageLatencies;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.Statistic;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code sim} runner: answers a measurement task at once from a roofline model of one device of the built-in zoo
 * (see {@code device-zoo.json} for the devices and their sources). Everything it reports is labelled simulated: the
 * device name ends in {@code (simulated)}, {@link DeviceProfile#simulated()} is true, and the runner settings carry
 * {@code "simulated": true} and the zoo device id.
 *
 * <p>Only {@code mmdit-pruning} configs are measured. A config whose weights and activations do not fit the device's
 * RAM fails, as it would on the device.
 *
 * <p>Noise: each of {@code warmup + repeats} simulated runs multiplies every call's noise-free time by a lognormal
 * factor {@code exp(sigma (Z_run + Z_call) / sqrt 2)}: half of the variance is shared by the whole run (clocks,
 * thermals), half is the call's own, and the median factor is 1. Warm-up runs are drawn and discarded. The report is
 * the median of the timed runs per stage and per call, and the median end-to-end with its interquartile range.
 *
 * <p>Determinism: the random stream is a {@link SplittableRandom} seeded from SHA-256 of the zoo device id, the
 * config's canonical JSON and the runner's seed. The same config on the same device with the same seed gives the
 * same numbers in every run and JVM, whatever the task id; another seed gives another draw of the noise.
 *
 * <p>Nothing sleeps: the simulated time is computed, not waited. So nothing can be contended either: every report
 * says contention was not checked ({@link Contention#notMeasured()}), never that it was quiet.
 */
public final class SimRunner implements Runner {

    public static final String NAME = "sim";
    public static final String RUNTIME_VERSION = "tenshot-sim 1";
    public static final int DEFAULT_WARMUP = 2;
    public static final int DEFAULT_REPEATS = 10;
    private static final String SIMULATED = " (simulated)";
    private static final Statistic STATISTIC = Statistic.MEDIAN;

    private final SimDevice device;
    private final Roofline roofline;
    private final MmditPruningSpace space;
    private final long seed;
    private final int warmup;
    private final int repeats;
    private final DeviceProfile profile;

    SimRunner(SimDevice device, long seed, int warmup, int repeats) {
        if (warmup < 0 || repeats < 1) {
            throw new IllegalArgumentException(
                    "warmup must be >= 0 and repeats >= 1: warmup " + warmup + ", repeats " + repeats);
        }
        this.device = device;
        this.space = MmditPruningSpace.neodragon();
        this.roofline = new Roofline(device, space);
        this.seed = seed;
        this.warmup = warmup;
        this.repeats = repeats;
        this.profile = profileOf(device);
    }

    /**
     * A runner for a zoo device with {@value #DEFAULT_WARMUP} warm-up and {@value #DEFAULT_REPEATS} timed runs; what
     * the agent's {@code --sim-device <id>} creates.
     *
     * @param seed chooses the draw of run-to-run noise; keep it fixed for reproducible numbers
     * @throws IllegalArgumentException if {@code deviceId} is not in the zoo; the message lists the ids that are
     */
    public static SimRunner of(String deviceId, long seed) {
        return of(deviceId, seed, DEFAULT_WARMUP, DEFAULT_REPEATS);
    }

    /**
     * A runner for a zoo device with the given warm-up and timed runs per task.
     *
     * @throws IllegalArgumentException if {@code deviceId} is not in the zoo, {@code warmup < 0} or {@code repeats <
     *     1}
     */
    public static SimRunner of(String deviceId, long seed, int warmup, int repeats) {
        DeviceZoo zoo = DeviceZoo.builtIn();
        SimDevice device = zoo.find(deviceId)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no simulated device '" + deviceId + "'; the zoo has: " + String.join(", ", zoo.ids())));
        return new SimRunner(device, seed, warmup, repeats);
    }

    /** Ids of the zoo's devices, in zoo order, for {@code --sim-device}. */
    public static List<String> deviceIds() {
        return DeviceZoo.builtIn().ids();
    }

    /** Every zoo device as a runner would register it, in zoo order; {@code attributes.simDevice} is its id. */
    public static List<DeviceProfile> zoo() {
        return DeviceZoo.builtIn().devices().stream().map(SimRunner::profileOf).toList();
    }

    /** The zoo device id this runner simulates. */
    public String deviceId() {
        return device.id();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeviceProfile device() {
        return profile;
    }

    @Override
    public RunOutcome run(MeasurementTask task) {
        if (!MmditPruningSpace.NAME.equals(task.space())) {
            return new RunOutcome.Failed("the sim runner measures only " + MmditPruningSpace.NAME
                    + " configs, not configs of space '" + task.space() + "'");
        }
        return switch (space.check(task.config())) {
            case ConfigCheck.Invalid invalid ->
                new RunOutcome.Failed(
                        "invalid " + MmditPruningSpace.NAME + " config: " + String.join("; ", invalid.problems()));
            case ConfigCheck.Valid valid -> measure(space.cast(valid.config()));
        };
    }

    private RunOutcome measure(MmditConfig config) {
        Roofline.Estimate estimate = roofline.estimate(config);
        Roofline.Footprint footprint = estimate.footprint();
        if (footprint.peakBytes() > device.memoryCapacityBytes()) {
            return new RunOutcome.Failed(String.format(
                    Locale.ROOT,
                    "out of memory on %s%s: needs %.2f GB (weights %.2f GB at %s, activations %.2f GB), has %.1f GB",
                    device.name(),
                    SIMULATED,
                    footprint.peakBytes() / 1e9,
                    footprint.weightBytes() / 1e9,
                    device.precision(),
                    footprint.activationBytes() / 1e9,
                    device.memoryCapacityGb()));
        }
        var calls = new ArrayList<Roofline.CallEstimate>();
        for (Roofline.StageEstimate stage : estimate.stages()) {
            for (int call = 0; call < stage.calls(); call++) {
                calls.add(stage.call());
            }
        }
        double[][] runs = simulateRuns(calls, new SplittableRandom(seedOf(device.id(), config, seed)));
        return new RunOutcome.Measured(
                timings(calls, runs),
                Math.round(footprint.peakBytes()),
                warmup,
                repeats,
                STATISTIC,
                Quantiles.interquartileRange(endToEnd(runs)),
                RUNTIME_VERSION,
                null,
                device.precision(),
                settings(),
                Contention.notMeasured());
    }

    /** Call times of the timed runs, [run][call] in milliseconds; warm-up runs are drawn first and dropped. */
    private double[][] simulateRuns(List<Roofline.CallEstimate> calls, SplittableRandom random) {
        double sigma = device.noiseSigma() / Math.sqrt(2);
        double[][] runs = new double[repeats][calls.size()];
        for (int run = 0; run < warmup + repeats; run++) {
            double shared = random.nextGaussian();
            for (int call = 0; call < calls.size(); call++) {
                double millis = calls.get(call).totalMs() * Math.exp(sigma * (shared + random.nextGaussian()));
                if (run >= warmup) {
                    runs[run - warmup][call] = millis;
                }
            }
        }
        return runs;
    }

    /**
     * Medians per named stage and per denoiser call. The first-frame generator has no field of its own: it counts in
     * end to end only.
     */
    private static StageLatencies timings(List<Roofline.CallEstimate> calls, double[][] runs) {
        Double textEncoder = null;
        Double vaeDecoder = null;
        Double superResolution = null;
        var denoiserCalls = new ArrayList<Double>();
        for (int call = 0; call < calls.size(); call++) {
            double[] sample = new double[runs.length];
            for (int run = 0; run < runs.length; run++) {
                sample[run] = runs[run][call];
            }
            double median = Quantiles.median(sample);
            String stage = calls.get(call).stage();
            switch (stage) {
                case "textEncoder" -> textEncoder = median;
                case "vaeDecoder" -> vaeDecoder = median;
                case "superResolution" -> superResolution = median;
                default -> {
                    if (stage.startsWith("denoiser")) {
                        denoiserCalls.add(median);
                    }
                }
            }
        }
        return new StageLatencies(
                Quantiles.median(endToEnd(runs)), textEncoder, denoiserCalls, vaeDecoder, superResolution);
    }

    private static double[] endToEnd(double[][] runs) {
        double[] totals = new double[runs.length];
        for (int run = 0; run < runs.length; run++) {
            for (double millis : runs[run]) {
                totals[run] += millis;
            }
        }
        return totals;
    }

    private JsonNode settings() {
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        settings.put("simulated", true);
        settings.put("simDevice", device.id());
        settings.put("zooVersion", DeviceZoo.builtIn().version());
        settings.put("model", "roofline");
        settings.put("seed", seed);
        settings.put("noiseSigma", device.noiseSigma());
        settings.put("contention", "not checked: a roofline model, nothing ran on a shared machine");
        return settings;
    }

    private static DeviceProfile profileOf(SimDevice device) {
        ObjectNode attributes = JsonNodeFactory.instance.objectNode();
        attributes.put("simulated", true);
        attributes.put("simDevice", device.id());
        attributes.put("zooVersion", DeviceZoo.builtIn().version());
        attributes.put("peakTeraOpsPerSecond", device.peakTeraOpsPerSecond());
        attributes.put("memoryBandwidthGbPerSecond", device.memoryBandwidthGbPerSecond());
        attributes.put("memoryCapacityGb", device.memoryCapacityGb());
        attributes.put("source", device.source());
        return new DeviceProfile(
                device.name() + SIMULATED,
                device.kind(),
                device.chipset(),
                device.runtime() + SIMULATED,
                device.precision(),
                attributes,
                true);
    }

    /** SHA-256 of the device id, the config's canonical JSON and the runner seed, folded to 64 bits. */
    static long seedOf(String deviceId, MmditConfig config, long runnerSeed) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(deviceId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(config.toJson().toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(runnerSeed).array());
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}

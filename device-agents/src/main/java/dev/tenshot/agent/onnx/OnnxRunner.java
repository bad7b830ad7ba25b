package dev.tenshot.agent.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.tenshot.agent.contention.Contention;
import dev.tenshot.agent.contention.ContentionDetector;
import dev.tenshot.agent.contention.ContentionSettings;
import dev.tenshot.agent.contention.Dispersion;
import dev.tenshot.agent.contention.QuietMeasurer;
import dev.tenshot.agent.runner.DeviceProfile;
import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.Quantiles;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.runner.Runner;
import dev.tenshot.agent.runner.StageLatencies;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.Statistic;
import dev.tenshot.space.mmdit.BaseModel;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code onnx} runner: builds each config's MMDiT denoiser as an ONNX graph at a {@link WorkloadScale} and times
 * it with ONNX Runtime. Real execution on this machine, never simulated.
 *
 * <p>For each pyramid stage it builds a session for that stage's token count, runs {@code warmup} untimed and {@code
 * repeats} timed denoiser calls, and takes the median wall time of a call ({@code session.run}, inputs already in
 * place). The pipeline's fixed stages (text encoders, first-frame generator and its VAE encode, video decoder,
 * super-resolution) are graphs of their own, timed once and again after {@link OnnxSettings#fixedStageRefresh()}:
 *
 * <ul>
 *   <li>end to end = the fixed stages plus, per pyramid stage, median call time x steps x calls per step (2 with
 *       classifier-free guidance);
 *   <li>{@code denoiserCallsMs} lists every modelled call in order, each with its stage's median;
 *   <li>dispersion = the fixed stages' plus, per pyramid stage, the calls' interquartile range x steps x calls per step;
 *   <li>peak memory = the highest of the stages' process RSS high-water marks (each stage runs on its own, its
 *       sessions closed before the next): the JVM's heap is in it, as ONNX Runtime's Java API exposes no arena peak.
 * </ul>
 *
 * <p>Other processes on the machine slow the calls down (2-4x on a busy 2-core machine), so every measurement is an
 * attempt watched by a {@link ContentionDetector} (other processes' CPU time from {@code /proc}, the spread of the
 * timed calls) and bracketed by a drift probe; a contended attempt is measured again after waiting for quiet, as
 * {@link QuietMeasurer} describes, within {@link OnnxSettings#contention()}. Every report carries its {@code
 * contention}: quiet, contended (no trusted attempt: the fastest is reported, flagged) or unchecked where {@code
 * /proc} cannot be read.
 *
 * <p>Used from one thread, like every runner.
 */
public final class OnnxRunner implements Runner {

    private static final String NAME = "onnx";
    private static final String PRECISION = "fp32";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int PROBE_CALLS = 5;
    private static final int PROBE_STAGE = 1;
    private static final String TEXT_ENCODER = "textEncoder";
    private static final String VAE_DECODER = "vaeDecoder";
    private static final String SUPER_RESOLUTION = "superResolution";

    private final OnnxSettings settings;
    private final MmditPruningSpace space;
    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions sessionOptions;
    private final DeviceProfile device;
    private final QuietMeasurer measurer;
    private final Clock clock;
    private final PeakMemory memory;
    private @Nullable Probe probe;
    private @Nullable FixedStages fixedStages;

    private OnnxRunner(
            OnnxSettings settings,
            OrtEnvironment environment,
            OrtSession.SessionOptions sessionOptions,
            ContentionDetector detector,
            Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.memory = PeakMemory.ofThisProcess();
        this.space = MmditPruningSpace.neodragon();
        this.environment = environment;
        this.sessionOptions = sessionOptions;
        this.device = describeDevice(settings);
        this.measurer = new QuietMeasurer(detector, settings.contention());
    }

    /** A runner with {@link OnnxSettings#defaults()}: this machine's CPU at the default scale. */
    public static OnnxRunner create() {
        return create(OnnxSettings.defaults());
    }

    /**
     * A runner measuring with {@code settings}.
     *
     * @throws IllegalArgumentException if the execution provider is not in this ONNX Runtime build
     * @throws IllegalStateException if ONNX Runtime cannot set up the session options
     */
    public static OnnxRunner create(OnnxSettings settings) {
        return create(settings, ContentionDetector.onThisMachine(settings.contention()), Clock.systemUTC());
    }

    /** A runner that judges contention with {@code detector} (a fake {@code /proc} and clock in tests). */
    static OnnxRunner create(OnnxSettings settings, ContentionDetector detector) {
        return create(settings, detector, Clock.systemUTC());
    }

    /** A runner that also dates (and refreshes) its fixed-stage measurement with {@code clock}. */
    static OnnxRunner create(OnnxSettings settings, ContentionDetector detector, Clock clock) {
        ExecutionProvider provider = settings.executionProvider();
        var available = OrtEnvironment.getAvailableProviders();
        if (!available.contains(provider.ortProvider())) {
            throw new IllegalArgumentException("execution provider " + provider.id()
                    + " is not in this ONNX Runtime build (it has " + available
                    + "); run the agent with an ONNX Runtime that includes it, or use cpu");
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        var options = new OrtSession.SessionOptions();
        try {
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(settings.threads());
            options.setInterOpNumThreads(1);
            provider.addTo(options);
        } catch (OrtException e) {
            options.close();
            throw new IllegalStateException(
                    "ONNX Runtime cannot set up sessions for execution provider " + provider.id(), e);
        }
        return new OnnxRunner(settings, environment, options, detector, clock);
    }

    public OnnxSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeviceProfile device() {
        return device;
    }

    @Override
    public RunOutcome run(MeasurementTask task) {
        if (!task.space().equals(space.name())) {
            return new RunOutcome.Failed(
                    "the onnx runner measures only the " + space.name() + " space, not '" + task.space() + "'");
        }
        MmditConfig config;
        switch (space.check(task.config())) {
            case ConfigCheck.Invalid invalid -> {
                return new RunOutcome.Failed(
                        "invalid " + space.name() + " config: " + String.join("; ", invalid.problems()));
            }
            case ConfigCheck.Valid valid -> config = space.cast(valid.config());
        }
        try {
            return measure(config);
        } catch (OrtException | RuntimeException e) {
            return new RunOutcome.Failed("ONNX Runtime could not run task " + task.taskId() + " on "
                    + settings.executionProvider().id() + ": " + e.getMessage());
        }
    }

    /** How long this runner has waited for the machine to go quiet, over all tasks. */
    public Duration waitedForQuiet() {
        return measurer.waitedInAll();
    }

    /**
     * Closes the drift probe and the session options; the ONNX Runtime environment is process-wide and closed at JVM
     * exit.
     */
    @Override
    public void close() {
        if (probe != null) {
            probe.close();
            probe = null;
        }
        sessionOptions.close();
    }

    private RunOutcome.Measured measure(MmditConfig config) throws OrtException {
        FixedStages fixed = fixedStages();
        var graph = DenoiserGraph.of(config, space.base().denoiser(), settings.scale(), settings.seed());
        QuietMeasurer.Kept<Stages> kept = measurer.measure(() -> timeStages(config, graph), this::probeMillis);
        Stages stages = kept.result();
        double endToEndMs = fixed.totalMs() + stages.endToEndMs();
        Long peak = maxOf(fixed.peakBytes(), stages.peakBytes());
        return new RunOutcome.Measured(
                new StageLatencies(
                        endToEndMs,
                        fixed.stageMs(TEXT_ENCODER),
                        stages.calls(),
                        fixed.stageMs(VAE_DECODER),
                        fixed.stageMs(SUPER_RESOLUTION)),
                peak,
                settings.warmup(),
                settings.repeats(),
                Statistic.MEDIAN,
                stages.dispersionMs() + fixed.dispersionMs(),
                runtimeVersion(),
                settings.threads(),
                PRECISION,
                runnerSettings(stages, fixed),
                kept.contention());
    }

    /** The fixed stages' last measurement, or a new one when there is none or it is older than the refresh. */
    private FixedStages fixedStages() throws OrtException {
        Instant now = clock.instant();
        if (fixedStages == null || !now.isBefore(fixedStages.measuredAt().plus(settings.fixedStageRefresh()))) {
            QuietMeasurer.Kept<FixedStages> kept = measurer.measure(() -> timeFixedStages(now), this::probeMillis);
            fixedStages = kept.result().withContention(kept.contention());
            return fixedStages;
        }
        return fixedStages.asReused();
    }

    /** One attempt at every network of every fixed stage the base model describes. */
    private QuietMeasurer.Timed<FixedStages> timeFixedStages(Instant measuredAt) throws OrtException {
        var shapes = new ScaledShapes(settings.scale(), space.base().denoiser());
        var inputs = new SplittableRandom(settings.seed()).split();
        var networks = new ArrayList<NetworkTiming>();
        var timed = new ArrayList<double[]>();
        var weights = new ArrayList<Integer>();
        double totalMs = 0;
        for (BaseModel.FixedStage stage : space.base().fixedStages()) {
            if (stage.networks() == null) {
                continue;
            }
            for (BaseModel.Network network : stage.networks()) {
                StageRun run = time(NetworkGraph.of(network, shapes, settings.seed()), inputs);
                networks.add(new NetworkTiming(
                        stage.stage(),
                        network.name(),
                        network.runs(),
                        run.times().median(),
                        run.times().interquartileRange(),
                        run.peakBytes(),
                        run.growthBytes(),
                        network.estimated()));
                totalMs += run.times().median() * network.runs();
                timed.add(run.times().millis());
                weights.add(network.runs());
            }
        }
        var result = new FixedStages(measuredAt, networks, false, null);
        return new QuietMeasurer.Timed<>(
                result,
                totalMs,
                Dispersion.of(
                        timed.toArray(double[][]::new),
                        weights.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** One attempt: every pyramid stage's session built and timed afresh, from the same seeded inputs. */
    private QuietMeasurer.Timed<Stages> timeStages(MmditConfig config, DenoiserGraph graph) throws OrtException {
        WorkloadScale scale = settings.scale();
        // the weights draw from new SplittableRandom(seed); the inputs from a stream split off it
        var inputs = new SplittableRandom(settings.seed()).split();
        int callsPerStep = space.base().pyramid().callsPerStep();
        int stageCount = config.steps().size();
        var calls = new ArrayList<Double>();
        var imageTokens = new ArrayList<Integer>();
        var callsPerStage = new ArrayList<Integer>();
        var callMs = new ArrayList<Double>();
        var peaks = new ArrayList<@Nullable Long>();
        var growths = new ArrayList<@Nullable Long>();
        double[][] timed = new double[stageCount][];
        int[] weights = new int[stageCount];
        double endToEndMs = 0;
        double dispersionMs = 0;
        for (int stage = 0; stage < stageCount; stage++) {
            int tokens = scale.imageTokens(space.costs().imageTokens(stage));
            StageRun run = time(graph.model(tokens), inputs);
            CallTimes times = run.times();
            int stageCalls = config.steps().get(stage) * callsPerStep;
            endToEndMs += times.median() * stageCalls;
            dispersionMs += times.interquartileRange() * stageCalls;
            calls.addAll(Collections.nCopies(stageCalls, times.median()));
            imageTokens.add(tokens);
            callsPerStage.add(stageCalls);
            callMs.add(times.median());
            peaks.add(run.peakBytes());
            growths.add(run.growthBytes());
            timed[stage] = times.millis();
            weights[stage] = stageCalls;
        }
        var stages = new Stages(endToEndMs, dispersionMs, calls, imageTokens, callsPerStage, callMs, peaks, growths);
        return new QuietMeasurer.Timed<>(stages, endToEndMs, Dispersion.of(timed, weights));
    }

    /** One attempt's denoiser result, as the report needs it. */
    private record Stages(
            double endToEndMs,
            double dispersionMs,
            List<Double> calls,
            List<Integer> imageTokens,
            List<Integer> callsPerStage,
            List<Double> callMs,
            List<@Nullable Long> peaks,
            List<@Nullable Long> growths) {

        @Nullable
        Long peakBytes() {
            return peaks.stream().filter(Objects::nonNull).max(Long::compare).orElse(null);
        }
    }

    /** One fixed-stage network's timing: the median of a run, and its runs per generation. */
    private record NetworkTiming(
            String stage,
            String network,
            int runs,
            double runMs,
            double iqrMs,
            @Nullable Long peakBytes,
            @Nullable Long growthBytes,
            boolean estimatedShape) {}

    /**
     * The fixed stages' measurement: when it was taken, each network's timing, whether this report reuses it, and
     * the contention of the attempt that took it.
     */
    private record FixedStages(
            Instant measuredAt,
            List<NetworkTiming> networks,
            boolean reused,
            @Nullable Contention contention) {

        FixedStages withContention(Contention measuredContention) {
            return new FixedStages(measuredAt, networks, reused, measuredContention);
        }

        FixedStages asReused() {
            return new FixedStages(measuredAt, networks, true, contention);
        }

        double totalMs() {
            return networks.stream().mapToDouble(n -> n.runMs() * n.runs()).sum();
        }

        double dispersionMs() {
            return networks.stream().mapToDouble(n -> n.iqrMs() * n.runs()).sum();
        }

        /** A stage's milliseconds per generation, or null when the base model gives it no networks. */
        @Nullable
        Double stageMs(String stage) {
            var timings = networks.stream().filter(n -> n.stage().equals(stage)).toList();
            return timings.isEmpty()
                    ? null
                    : timings.stream().mapToDouble(n -> n.runMs() * n.runs()).sum();
        }

        @Nullable
        Long peakBytes() {
            return networks.stream()
                    .map(NetworkTiming::peakBytes)
                    .filter(Objects::nonNull)
                    .max(Long::compare)
                    .orElse(null);
        }
    }

    /**
     * The drift probe: the median of {@value #PROBE_CALLS} calls (after one untimed) of the space's cheapest
     * reference config at the middle pyramid stage's tokens, with the runner's scale, threads and provider, always the
     * same inputs; its session stays open between tasks.
     */
    private double probeMillis() throws OrtException {
        if (probe == null) {
            var config = space.cast(space.referenceConfigs().getFirst());
            int tokens = settings.scale().imageTokens(space.costs().imageTokens(PROBE_STAGE));
            OnnxModel model = DenoiserGraph.of(config, space.base().denoiser(), settings.scale(), settings.seed())
                    .model(tokens);
            probe = new Probe(environment.createSession(model.toBytes(), sessionOptions), model);
        }
        var random = new SplittableRandom(settings.seed() + 1);
        Map<String, OnnxTensor> feed = feed(probe.model(), random);
        try {
            probe.session().run(feed).close();
            double[] millis = new double[PROBE_CALLS];
            for (int call = 0; call < millis.length; call++) {
                long start = System.nanoTime();
                probe.session().run(feed).close();
                millis[call] = (System.nanoTime() - start) / 1e6;
            }
            return Quantiles.median(millis);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** The drift probe's open session. */
    private record Probe(OrtSession session, OnnxModel model) implements AutoCloseable {
        @Override
        public void close() {
            try {
                session.close();
            } catch (OrtException e) {
                // closing at shutdown: nothing is measured any more, and nothing can be done about it
            }
        }
    }

    /** A model's timed calls and the process's peak RSS while its session was built and run (null if unknown). */
    /**
     * @param peakBytes the process's resident high-water mark while the stage ran (the JVM's heap included)
     * @param growthBytes how far that mark rose above the resident set the stage started from: the memory the
     *     stage's session, its arena and tensors took (an estimate of what the stage needs on its own)
     */
    private record StageRun(
            CallTimes times,
            @Nullable Long peakBytes,
            @Nullable Long growthBytes) {}

    /**
     * Warm-up and timed calls of one model, with its peak memory; every session and tensor is closed before
     * returning.
     */
    private StageRun time(OnnxModel model, SplittableRandom random) throws OrtException {
        byte[] bytes = model.toBytes();
        boolean reset = memory.reset();
        OptionalLong before = memory.residentBytes();
        Map<String, OnnxTensor> feed = feed(model, random);
        try (OrtSession session = environment.createSession(bytes, sessionOptions)) {
            for (int call = 0; call < settings.warmup(); call++) {
                session.run(feed).close();
            }
            double[] millis = new double[settings.repeats()];
            for (int call = 0; call < millis.length; call++) {
                long start = System.nanoTime();
                OrtSession.Result result = session.run(feed);
                millis[call] = (System.nanoTime() - start) / 1e6;
                result.close();
            }
            OptionalLong peak = memory.highWaterBytes();
            boolean known = reset && peak.isPresent();
            return new StageRun(
                    new CallTimes(millis),
                    known ? peak.getAsLong() : null,
                    known && before.isPresent() ? Math.max(0, peak.getAsLong() - before.getAsLong()) : null);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** Random N(0, 1) tensors for every input of {@code model}. */
    private Map<String, OnnxTensor> feed(OnnxModel model, SplittableRandom random) throws OrtException {
        var feed = new LinkedHashMap<String, OnnxTensor>();
        try {
            for (OnnxModel.Port port : model.inputs()) {
                float[] values = new float[Math.toIntExact(port.elements())];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                feed.put(port.name(), OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), port.shape()));
            }
            return feed;
        } catch (OrtException | RuntimeException e) {
            feed.values().forEach(OnnxTensor::close);
            throw e;
        }
    }

    private static @Nullable Long maxOf(@Nullable Long a, @Nullable Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Long.valueOf(Math.max(a, b));
    }

    private String runtimeVersion() {
        return "onnxruntime " + environment.getVersion();
    }

    private ObjectNode runnerSettings(Stages stages, FixedStages fixed) {
        ObjectNode json = JSON.objectNode();
        json.put("runner", NAME);
        json.set("onnxScale", settings.scale().toJson());
        json.put("stages", "full pipeline");
        ArrayNode tokens = json.putArray("imageTokensPerStage");
        stages.imageTokens().forEach(tokens::add);
        json.put("textTokens", settings.scale().textTokens());
        ArrayNode calls = json.putArray("callsPerStage");
        stages.callsPerStage().forEach(calls::add);
        json.put("classifierFreeGuidance", space.base().pyramid().classifierFreeGuidance());
        json.put("denoiserCallsMs", "every modelled call in order, each the median of its stage's timed calls");
        json.put(
                "endToEndMs",
                "sum of every stage: each fixed-stage network's median run x its runs, plus every denoiser call");
        json.put(
                "dispersion",
                "sum over denoiser stages and fixed-stage networks of the interquartile range of a call x calls");
        ArrayNode pipeline = json.putArray("pipeline");
        for (NetworkTiming network : fixed.networks()) {
            ObjectNode entry = pipeline.addObject();
            entry.put("stage", network.stage());
            entry.put("network", network.network());
            entry.put("runs", network.runs());
            entry.put("msPerRun", network.runMs());
            entry.put("ms", network.runMs() * network.runs());
            entry.put("peakRssBytes", network.peakBytes());
            entry.put("rssGrowthBytes", network.growthBytes());
            entry.put("source", fixed.reused() ? "measured earlier (fixed stage, reused)" : "measured");
            entry.put("measuredAt", fixed.measuredAt().toString());
            entry.put("shape", network.estimatedShape() ? "estimated" : "published");
        }
        for (int stage = 0; stage < stages.callMs().size(); stage++) {
            ObjectNode entry = pipeline.addObject();
            entry.put("stage", "denoiser" + stage);
            entry.put("network", "mmdit");
            entry.put("runs", stages.callsPerStage().get(stage));
            entry.put("msPerRun", stages.callMs().get(stage));
            entry.put("ms", stages.callMs().get(stage) * stages.callsPerStage().get(stage));
            entry.put("peakRssBytes", stages.peaks().get(stage));
            entry.put("rssGrowthBytes", stages.growths().get(stage));
            entry.put("source", "measured");
            entry.put("shape", "published");
        }
        ArrayNode notRun = json.putArray("stagesNotRun");
        space.base().fixedStages().stream()
                .filter(stage -> stage.networks() == null)
                .forEach(stage -> notRun.add(stage.stage()));
        json.put("fixedStagesMeasuredAt", fixed.measuredAt().toString());
        json.put("fixedStageRefreshSeconds", settings.fixedStageRefresh().toSeconds());
        Contention fixedContention = fixed.contention();
        if (fixedContention != null) {
            json.put("fixedStagesContended", fixedContention.contended());
        }
        json.put(
                "peakMemory",
                "max over stages of the process's RSS high-water mark (VmHWM, reset before each stage through"
                        + " /proc/self/clear_refs); the JVM's own memory included; ONNX Runtime's arena statistics are"
                        + " not exposed by its Java API");
        json.put(
                "graph",
                "SD3 MMDiT with embedders, adaLN and final layer; fixed stages from the base model's network shapes;"
                        + " synthetic N(0, 0.02) weights");
        json.put("executionProvider", settings.executionProvider().id());
        json.put("intraOpThreads", settings.threads());
        json.put("opset", OnnxOp.OPSET);
        json.put("seed", settings.seed());
        ContentionSettings contention = settings.contention();
        ObjectNode quiet = json.putObject("contention");
        quiet.put("maxOtherCpuShare", contention.maxOtherCpuShare());
        quiet.put("maxRelativeIqr", contention.maxRelativeIqr());
        quiet.put("maxMinRatio", contention.maxMinRatio());
        quiet.put("maxDriftRatio", contention.maxDriftRatio());
        quiet.put("maxAttempts", contention.maxAttempts());
        quiet.put("maxWaitPerTaskSeconds", contention.maxWaitPerTask().toMillis() / 1e3);
        quiet.put(
                "driftProbe",
                "reference config 0 at stage " + PROBE_STAGE + "'s image tokens, median of " + PROBE_CALLS
                        + " calls, right before and after each attempt");
        return json;
    }

    private static DeviceProfile describeDevice(OnnxSettings settings) {
        ExecutionProvider provider = settings.executionProvider();
        String label = "onnx, " + (provider == ExecutionProvider.CPU ? "" : provider.id() + ", ")
                + settings.scale().label();
        String name = provider == ExecutionProvider.CPU
                ? "this machine's CPU (" + label + ")"
                : "this machine's " + provider.id() + " device (" + label + ")";
        String chipset = provider == ExecutionProvider.CPU
                ? cpuModel()
                : "unknown " + provider.deviceKind() + " behind ONNX Runtime's " + provider.id() + " provider";
        ObjectNode attributes = JSON.objectNode();
        attributes.put("cores", Runtime.getRuntime().availableProcessors());
        attributes.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        attributes.put("arch", System.getProperty("os.arch"));
        attributes.set("onnxScale", settings.scale().toJson());
        attributes.put("executionProvider", provider.id());
        attributes.put("intraOpThreads", settings.threads());
        return new DeviceProfile(
                name, provider.deviceKind(), chipset, "onnxruntime-" + provider.id(), PRECISION, attributes, false);
    }

    /** The CPU's "model name" from /proc/cpuinfo, or the JVM's architecture name where that is not readable. */
    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                var model = lines.filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).strip())
                        .filter(value -> !value.isEmpty())
                        .findFirst();
                if (model.isPresent()) {
                    return model.get();
                }
            } catch (IOException | RuntimeException e) {
                // fall through to the architecture: the chipset is descriptive, not essential
            }
        }
        return System.getProperty("os.arch");
    }
}

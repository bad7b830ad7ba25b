package dev.tenshot.agent.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.tenshot.agent.runner.DeviceProfile;
import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.runner.Runner;
import dev.tenshot.agent.runner.StageTimings;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code onnx} runner: builds each config's MMDiT denoiser as an ONNX graph at a {@link WorkloadScale} and times
 * it with ONNX Runtime. Real execution on this machine, never simulated.
 *
 * <p>For each pyramid stage it builds a session for that stage's token count, runs {@code warmup} untimed and {@code
 * repeats} timed denoiser calls, and takes the median wall time of a call ({@code session.run}, inputs already in
 * place). The result covers the denoiser only; the pipeline's fixed stages (text encoder, VAE decoder,
 * super-resolution) are not run:
 *
 * <ul>
 *   <li>end to end = sum over stages of median call time x steps x calls per step (2 with classifier-free guidance);
 *   <li>{@code denoiserCallsMs} lists every modelled call in order, each with its stage's median;
 *   <li>dispersion = sum over stages of the calls' interquartile range x steps x calls per step;
 *   <li>peak memory is not reported: ONNX Runtime's Java API does not expose its arena's peak, and a process RSS delta
 *       would mix in the JVM's own allocations.
 * </ul>
 *
 * Used from one thread, like every runner.
 */
public final class OnnxRunner implements Runner {

    private static final String NAME = "onnx";
    private static final String PRECISION = "fp32";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final OnnxSettings settings;
    private final MmditPruningSpace space;
    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions sessionOptions;
    private final DeviceProfile device;

    private OnnxRunner(OnnxSettings settings, OrtEnvironment environment, OrtSession.SessionOptions sessionOptions) {
        this.settings = settings;
        this.space = MmditPruningSpace.neodragon();
        this.environment = environment;
        this.sessionOptions = sessionOptions;
        this.device = describeDevice(settings);
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
        return new OnnxRunner(settings, environment, options);
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

    /** Closes the session options; the ONNX Runtime environment is process-wide and closed at JVM exit. */
    @Override
    public void close() {
        sessionOptions.close();
    }

    private RunOutcome.Measured measure(MmditConfig config) throws OrtException {
        WorkloadScale scale = settings.scale();
        var graph = DenoiserGraph.of(config, space.base().denoiser(), scale, settings.seed());
        // the weights draw from new SplittableRandom(seed); the inputs from a stream split off it
        var inputs = new SplittableRandom(settings.seed()).split();
        int callsPerStep = space.base().pyramid().callsPerStep();
        var calls = new ArrayList<Double>();
        var imageTokens = new ArrayList<Integer>();
        var callsPerStage = new ArrayList<Integer>();
        double endToEndMs = 0;
        double dispersionMs = 0;
        for (int stage = 0; stage < config.steps().size(); stage++) {
            int tokens = scale.imageTokens(space.costs().imageTokens(stage));
            CallTimes times = time(graph.toModel(tokens), tokens, inputs);
            int stageCalls = config.steps().get(stage) * callsPerStep;
            endToEndMs += times.median() * stageCalls;
            dispersionMs += times.interquartileRange() * stageCalls;
            calls.addAll(Collections.nCopies(stageCalls, times.median()));
            imageTokens.add(tokens);
            callsPerStage.add(stageCalls);
        }
        return new RunOutcome.Measured(
                new StageTimings(endToEndMs, null, calls, null, null),
                null,
                settings.warmup(),
                settings.repeats(),
                "median",
                dispersionMs,
                runtimeVersion(),
                settings.threads(),
                PRECISION,
                runnerSettings(imageTokens, callsPerStage));
    }

    /** Warm-up and timed calls of one stage's model; every session and tensor is closed before returning. */
    private CallTimes time(byte[] model, int imageTokens, SplittableRandom random) throws OrtException {
        int hidden = settings.scale().hidden();
        int textTokens = settings.scale().textTokens();
        try (OrtSession session = environment.createSession(model, sessionOptions);
                OnnxTensor image = tokens(imageTokens, hidden, random);
                OnnxTensor text = tokens(textTokens, hidden, random)) {
            Map<String, OnnxTensor> feed = Map.of(DenoiserGraph.IMAGE_INPUT, image, DenoiserGraph.TEXT_INPUT, text);
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
            return new CallTimes(millis);
        }
    }

    private OnnxTensor tokens(int count, int hidden, SplittableRandom random) throws OrtException {
        float[] values = new float[count * hidden];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), new long[] {1, count, hidden});
    }

    private String runtimeVersion() {
        return "onnxruntime " + environment.getVersion();
    }

    private ObjectNode runnerSettings(List<Integer> imageTokens, List<Integer> callsPerStage) {
        ObjectNode json = JSON.objectNode();
        json.put("runner", NAME);
        json.set("onnxScale", settings.scale().toJson());
        json.put("stages", "denoiser only");
        ArrayNode tokens = json.putArray("imageTokensPerStage");
        imageTokens.forEach(tokens::add);
        json.put("textTokens", settings.scale().textTokens());
        ArrayNode calls = json.putArray("callsPerStage");
        callsPerStage.forEach(calls::add);
        json.put("denoiserCallsMs", "every modelled call in order, each the median of its stage's timed calls");
        json.put("dispersion", "sum over stages of the interquartile range of a call x calls");
        json.put(
                "graph",
                "kept MMDiT joint blocks only (no embedders, no final layer); adaLN modulation as constant"
                        + " scale, shift and gate; random N(0, 0.02) weights");
        json.put("executionProvider", settings.executionProvider().id());
        json.put("intraOpThreads", settings.threads());
        json.put("opset", OnnxOp.OPSET);
        json.put("seed", settings.seed());
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

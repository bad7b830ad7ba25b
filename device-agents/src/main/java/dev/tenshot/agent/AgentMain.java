package dev.tenshot.agent;

import dev.tenshot.agent.Agent.AgentSettings;
import dev.tenshot.agent.api.RetryPolicy;
import dev.tenshot.agent.api.ServiceClient;
import dev.tenshot.agent.command.CommandRunner;
import dev.tenshot.agent.command.CommandSettings;
import dev.tenshot.agent.contention.ContentionSettings;
import dev.tenshot.agent.onnx.ExecutionProvider;
import dev.tenshot.agent.onnx.OnnxRunner;
import dev.tenshot.agent.onnx.OnnxSettings;
import dev.tenshot.agent.onnx.WorkloadScale;
import dev.tenshot.agent.runner.DeviceProfile;
import dev.tenshot.agent.runner.Runner;
import dev.tenshot.agent.sim.SimRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The agent's command line: {@code --service URL --token T --runner onnx|command|sim [runner options]}. Started with
 * the admin token it registers the device its runner describes; started with an agent token it measures that
 * token's device.
 */
@Command(
        name = "tenshot-agent",
        mixinStandardHelpOptions = true,
        version = MeasurementPayload.AGENT_VERSION,
        sortOptions = false,
        subcommands = ExportCommand.class,
        description = "Measures denoiser configs on a device for the tenshot service: registers the device, leases"
                + " measurement tasks, runs them and reports each result with its provenance.")
public final class AgentMain implements Callable<Integer> {

    enum RunnerKind {
        ONNX,
        COMMAND,
        SIM
    }

    @Option(names = "--service", description = "Service base URL, e.g. http://localhost:8080")
    @Nullable
    URI service;

    @Option(
            names = "--token",
            defaultValue = "${env:TENSHOT_TOKEN}",
            description = "The token to start with: one that may register devices, or the device's agent token."
                    + " Prefer the TENSHOT_TOKEN environment variable or --enrolment-token-file: a token on the"
                    + " command line is visible to every user of the machine (ps)")
    @Nullable
    String token;

    @Option(
            names = "--enrolment-token-file",
            description = "A file holding the token that registers the device (read when no agent token is kept"
                    + " in --token-file yet)")
    @Nullable
    Path enrolmentTokenFile;

    @Option(
            names = "--token-file",
            description = "Where the agent token is kept: read when present (instead of --token), written after"
                    + " registering")
    @Nullable
    Path tokenFile;

    @Option(names = "--runner", description = "onnx, command or sim (required to measure)")
    @Nullable
    RunnerKind runner;

    @Option(
            names = "--space",
            defaultValue = "mmdit-pruning",
            description = "Search space to calibrate a new device in")
    String space;

    @Option(names = "--name", description = "Device name to register instead of the runner's own")
    @Nullable
    String name;

    @Option(names = "--batch", defaultValue = "5", description = "Tasks leased at a time (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lease-seconds", defaultValue = "120", description = "Lease length (default ${DEFAULT-VALUE})")
    int leaseSeconds;

    @Option(names = "--idle-poll-seconds", defaultValue = "5", description = "Wait between polls when idle")
    int idlePollSeconds;

    @Option(names = "--exit-when-idle", description = "Exit once the device has no task left (e.g. after calibration)")
    boolean exitWhenIdle;

    @Option(names = "--sim-device", defaultValue = "snapdragon-8-gen-3-npu", description = "sim: zoo device id")
    String simDevice;

    @Option(names = "--sim-seed", defaultValue = "1", description = "sim: noise seed")
    long simSeed;

    @Option(names = "--list-sim-devices", description = "sim: list the zoo's device ids and exit")
    boolean listSimDevices;

    @Option(names = "--onnx-hidden", description = "onnx: hidden size of the scaled denoiser (multiple of 64)")
    @Nullable
    Integer onnxHidden;

    @Option(names = "--onnx-token-divisor", description = "onnx: divide each stage's image tokens by this")
    @Nullable
    Integer onnxTokenDivisor;

    @Option(names = "--onnx-text-tokens", description = "onnx: text tokens")
    @Nullable
    Integer onnxTextTokens;

    @Option(names = "--onnx-warmup", description = "onnx: warm-up calls per stage")
    @Nullable
    Integer onnxWarmup;

    @Option(names = "--onnx-repeats", description = "onnx: timed calls per stage")
    @Nullable
    Integer onnxRepeats;

    @Option(names = "--onnx-threads", description = "onnx: intra-op threads")
    @Nullable
    Integer onnxThreads;

    @Option(
            names = {"--execution-provider", "--onnx-provider"},
            defaultValue = "cpu",
            description = "onnx: cpu, cuda, tensorrt or qnn; the ONNX Runtime on the class path must include it"
                    + " (the bundled one has cpu only)")
    String onnxProvider;

    @Option(
            names = "--onnx-attempts",
            defaultValue = "" + ContentionSettings.DEFAULT_MAX_ATTEMPTS,
            description = "onnx: measurements of a task until one is quiet; the fastest is reported, flagged"
                    + " contended, when none is (default ${DEFAULT-VALUE})")
    int onnxAttempts;

    @Option(
            names = "--onnx-max-wait-seconds",
            defaultValue = "60",
            description = "onnx: longest wait per task for the machine to go quiet before measuring again (default"
                    + " ${DEFAULT-VALUE})")
    int onnxMaxWaitSeconds;

    @Option(
            names = "--onnx-quiet-share",
            defaultValue = "" + ContentionSettings.DEFAULT_MAX_OTHER_CPU_SHARE,
            description = "onnx: a measurement is contended when other processes used this share of the CPU or more"
                    + " meanwhile (default ${DEFAULT-VALUE})")
    double onnxQuietShare;

    @Option(
            names = "--onnx-max-drift",
            defaultValue = "" + ContentionSettings.DEFAULT_MAX_DRIFT_RATIO,
            description = "onnx: a measurement is not trusted either when the drift probe (a small fixed config timed"
                    + " before and after it) ran this many times slower than its fastest (default ${DEFAULT-VALUE})")
    double onnxMaxDrift;

    @Option(
            names = "--command",
            description = "command: the command line, with placeholders {config_file} {config_json} {config_hash}"
                    + " {task_id} {space}")
    @Nullable
    String commandLine;

    @Option(names = "--parser", defaultValue = "jsonl", description = "command: qnn, trtexec or jsonl")
    String parser;

    @Option(names = "--timeout", defaultValue = "10m", description = "command: per-task timeout, e.g. 90s, 10m")
    String timeout;

    @Option(names = "--workdir", description = "command: working directory")
    @Nullable
    Path workdir;

    @Option(names = "--env", description = "command: extra environment, K=V (repeatable)")
    List<String> env = new ArrayList<>();

    @Option(names = "--device-kind", defaultValue = "npu", description = "command: npu, gpu or cpu")
    String deviceKind;

    @Option(names = "--chipset", defaultValue = "unknown", description = "command: chipset to register")
    String chipset;

    @Option(names = "--device-runtime", defaultValue = "unknown", description = "command: runtime to register")
    String deviceRuntime;

    @Option(names = "--precision", defaultValue = "w8a16", description = "command: precision to register")
    String precision;

    private final PrintStream out;

    AgentMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.out).execute(args));
    }

    static CommandLine commandLine(PrintStream out) {
        return new CommandLine(new AgentMain(out)).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() throws Exception {
        if (listSimDevices) {
            SimRunner.zoo()
                    .forEach(d -> out.printf(
                            "%-28s %s%n", d.attributes().path("simDevice").asString(), d.name()));
            return 0;
        }
        if (service == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--service is required");
        }
        if (runner == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--runner is required");
        }
        String startToken = startToken();
        try (Runner measuring = createRunner(runner)) {
            DeviceProfile device = name == null ? measuring.device() : renamed(measuring.device(), name);
            var client = new ServiceClient(service, startToken, RetryPolicy.standard(), new SplittableRandom());
            UUID deviceId = Enrolment.deviceFor(client, device, space, tokenFile, out);
            var settings = new AgentSettings(
                    batch, Duration.ofSeconds(leaseSeconds), Duration.ofSeconds(idlePollSeconds), exitWhenIdle);
            var agent = new Agent(client, measuring, deviceId, settings, Clock.systemUTC(), new Progress(out));
            // On SIGTERM / Ctrl-C: finish the task in hand, hand back the rest, then let the JVM exit.
            var finished = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                agent.stop();
                                try {
                                    finished.await(30, TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "agent-shutdown"));
            Progress.Counts counts;
            try {
                counts = agent.run();
            } finally {
                finished.countDown();
            }
            out.printf("finished: %d done, %d failed, %d lost%n", counts.done(), counts.failed(), counts.lost());
            return 0;
        }
    }

    /**
     * The device's own agent token when {@code --token-file} holds one, else the enrolment token file's, else
     * {@code TENSHOT_TOKEN} (or {@code --token}).
     */
    private String startToken() throws IOException {
        if (tokenFile != null && Files.exists(tokenFile)) {
            return Files.readString(tokenFile).strip();
        }
        if (enrolmentTokenFile != null) {
            String enrolment = Files.readString(enrolmentTokenFile).strip();
            if (!enrolment.isEmpty()) {
                return enrolment;
            }
        }
        if (token == null || token.isBlank()) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "no token: set TENSHOT_TOKEN, or give --enrolment-token-file, or an existing --token-file");
        }
        return token;
    }

    private Runner createRunner(RunnerKind kind) {
        return switch (kind) {
            case SIM -> SimRunner.of(simDevice, simSeed);
            case ONNX -> {
                var settings = OnnxSettings.defaults();
                var scale = settings.scale();
                settings = settings.withScale(new WorkloadScale(
                                onnxHidden == null ? scale.hidden() : onnxHidden,
                                onnxTokenDivisor == null ? scale.imageTokenDivisor() : onnxTokenDivisor,
                                onnxTextTokens == null ? scale.textTokens() : onnxTextTokens))
                        .withCalls(
                                onnxWarmup == null ? settings.warmup() : onnxWarmup,
                                onnxRepeats == null ? settings.repeats() : onnxRepeats)
                        .withThreads(onnxThreads == null ? settings.threads() : onnxThreads)
                        .withExecutionProvider(ExecutionProvider.parse(onnxProvider))
                        .withContention(ContentionSettings.defaults()
                                .withMaxAttempts(onnxAttempts)
                                .withMaxWait(Duration.ofSeconds(onnxMaxWaitSeconds), null)
                                .withMaxOtherCpuShare(onnxQuietShare)
                                .withMaxDriftRatio(onnxMaxDrift));
                yield OnnxRunner.create(settings);
            }
            case COMMAND -> {
                if (commandLine == null || commandLine.isBlank()) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "--runner command needs --command");
                }
                var device = new CommandSettings.Device(
                        name == null ? "command runner device" : name, deviceKind, chipset, deviceRuntime, precision);
                yield CommandRunner.of(CommandSettings.of(CommandSettings.parseTemplate(commandLine), parser, device)
                        .withTimeout(CommandSettings.parseTimeout(timeout))
                        .withWorkingDirectory(workdir)
                        .withEnvironment(CommandSettings.parseEnvironment(env)));
            }
        };
    }

    /** Another name; a simulated device keeps its label whatever it is called. */
    private static DeviceProfile renamed(DeviceProfile device, String newName) {
        boolean needsLabel = device.simulated() && !newName.contains("(simulated)");
        return new DeviceProfile(
                needsLabel ? newName + " (simulated)" : newName,
                device.kind(),
                device.chipset(),
                device.runtime(),
                device.precision(),
                device.attributes(),
                device.simulated());
    }
}

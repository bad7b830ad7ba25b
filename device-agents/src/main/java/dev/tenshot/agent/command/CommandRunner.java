package dev.tenshot.agent.command;

import dev.tenshot.agent.runner.DeviceProfile;
import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.runner.Runner;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SearchSpaces;
import dev.tenshot.space.SpaceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code command} runner: for each task, checks the config against its space, runs the settings' command
 * template with the config's placeholders filled in, and reads the tool's timings with the named parser. Any failure
 * (unknown space, invalid config, a tool that cannot start, exits non-zero, outlives its timeout or prints nothing
 * the parser can read) is a {@link RunOutcome.Failed} whose reason carries the tail of the tool's output.
 */
public final class CommandRunner implements Runner {

    /** Lines of a tool's stderr (or stdout) quoted in a failure reason. */
    static final int TAIL_LINES = 20;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{(config_file|config_json|config_hash|task_id|space)}");
    private static final int MAX_TAIL_CHARS = 4_000;

    private final CommandSettings settings;
    private final TimingParser parser;
    private final SearchSpaces spaces;
    private final DeviceProfile device;

    private CommandRunner(CommandSettings settings, SearchSpaces spaces) {
        this.settings = settings;
        this.parser = TimingParser.byName(settings.parser()).orElseThrow();
        this.spaces = spaces;
        this.device = new DeviceProfile(
                settings.device().name(),
                settings.device().kind(),
                settings.device().chipset(),
                settings.device().runtime(),
                settings.device().precision(),
                describeCommand(),
                false);
    }

    /** A runner for the spaces that ship with tenshot. */
    public static CommandRunner of(CommandSettings settings) {
        return new CommandRunner(settings, SearchSpaces.builtIn());
    }

    @Override
    public String name() {
        return "command";
    }

    @Override
    public DeviceProfile device() {
        return device;
    }

    @Override
    public RunOutcome run(MeasurementTask task) {
        Optional<SearchSpace> space = spaces.find(task.space());
        if (space.isEmpty()) {
            List<String> known = spaces.all().stream().map(SearchSpace::name).toList();
            return new RunOutcome.Failed(
                    "task " + task.taskId() + ": unknown space \"" + task.space() + "\"; this agent knows " + known);
        }
        return switch (space.get().check(task.config())) {
            case ConfigCheck.Invalid invalid ->
                new RunOutcome.Failed("task " + task.taskId() + ": not a valid " + task.space() + " config: "
                        + String.join("; ", invalid.problems()));
            case ConfigCheck.Valid valid -> run(task, valid.config());
        };
    }

    private RunOutcome run(MeasurementTask task, SpaceConfig config) {
        String configJson = JSON.writeValueAsString(config.toJson());
        @Nullable Path configFile = null;
        try {
            if (usesConfigFile()) {
                configFile = Files.createTempFile("tenshot-config-" + task.taskId() + "-", ".json");
                Files.writeString(configFile, configJson, StandardCharsets.UTF_8);
            }
            var values = Map.of(
                    "config_file", configFile == null ? "" : configFile.toString(),
                    "config_json", configJson,
                    "config_hash", config.contentHash(),
                    "task_id", Long.toString(task.taskId()),
                    "space", task.space());
            List<String> command = settings.template().stream()
                    .map(argument -> fill(argument, values))
                    .toList();
            var environment = new LinkedHashMap<String, String>();
            settings.environment().forEach((name, value) -> environment.put(name, fill(value, values)));
            ToolExit exit = ToolProcess.run(command, settings.workingDirectory(), environment, settings.timeout());
            return outcome(command.getFirst(), exit);
        } catch (IOException e) {
            return new RunOutcome.Failed("task " + task.taskId() + ": could not write the config file: " + e);
        } finally {
            deleteQuietly(configFile);
        }
    }

    private RunOutcome outcome(String program, ToolExit exit) {
        return switch (exit) {
            case ToolExit.NotStarted notStarted -> new RunOutcome.Failed(notStarted.reason());
            case ToolExit.Interrupted interrupted -> new RunOutcome.Failed("interrupted while waiting for " + program);
            case ToolExit.TimedOut timedOut ->
                new RunOutcome.Failed(program + " timed out after " + describe(settings.timeout()) + " and was killed; "
                        + tails(timedOut.stdout(), timedOut.stderr()));
            case ToolExit.Exited exited ->
                exited.exitCode() == 0
                        ? measured(program, exited.stdout())
                        : new RunOutcome.Failed(program + " failed with exit code " + exited.exitCode() + "; "
                                + tails(exited.stdout(), exited.stderr()));
        };
    }

    private RunOutcome measured(String program, String stdout) {
        return switch (parser.parse(stdout)) {
            case ParseResult.Unreadable unreadable ->
                new RunOutcome.Failed("the " + parser.name() + " parser could not read the output of " + program + ": "
                        + unreadable.reason() + "; stdout tail:\n" + tail(stdout));
            case ParseResult.Read read -> measured(read.timings());
        };
    }

    private RunOutcome.Measured measured(ToolReport timings) {
        ObjectNode runnerSettings = describeCommand();
        runnerSettings.put("repeatsFrom", timings.repeatCount() == null ? "settings" : "tool");
        runnerSettings.put("warmupsFrom", timings.warmupCount() == null ? "settings" : "tool");
        runnerSettings.put("runtimeVersionFrom", timings.runtimeVersion() == null ? "settings" : "tool");
        ObjectNode reported = runnerSettings.putObject("reported");
        new TreeMap<>(timings.reported()).forEach(reported::put);
        return new RunOutcome.Measured(
                timings.latency(),
                timings.peakMemoryBytes(),
                timings.warmupCount() == null ? settings.declaredWarmups() : timings.warmupCount(),
                timings.repeatCount() == null ? settings.declaredRepeats() : timings.repeatCount(),
                timings.statistic(),
                timings.dispersionMs(),
                timings.runtimeVersion() == null ? settings.device().runtime() : timings.runtimeVersion(),
                timings.threads(),
                settings.device().precision(),
                runnerSettings,
                null); // a vendor tool's timing says nothing about other processes on the device
    }

    /** What a reader needs to compare measurements: template, parser, timeout, where and with which variables. */
    private ObjectNode describeCommand() {
        ObjectNode description = JSON.createObjectNode();
        description.put("runner", name());
        var template = description.putArray("template");
        settings.template().forEach(template::add);
        description.put("parser", settings.parser());
        description.put("timeoutMs", settings.timeout().toMillis());
        if (settings.workingDirectory() != null) {
            description.put("workingDirectory", settings.workingDirectory().toString());
        }
        if (!settings.environment().isEmpty()) {
            var names = description.putArray("environment");
            settings.environment().keySet().stream().sorted().forEach(names::add);
        }
        return description;
    }

    private boolean usesConfigFile() {
        return settings.template().stream().anyMatch(argument -> argument.contains("{config_file}"))
                || settings.environment().values().stream().anyMatch(value -> value.contains("{config_file}"));
    }

    /** Replaces each placeholder inside one argument; the result is still one argument, whatever the values hold. */
    static String fill(String argument, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(argument);
        return m.replaceAll(match -> Matcher.quoteReplacement(values.get(match.group(1))));
    }

    private static String tails(String stdout, String stderr) {
        if (stderr.isBlank()) {
            return "stderr was empty; stdout tail:\n" + tail(stdout);
        }
        return "stderr tail:\n" + tail(stderr);
    }

    private static String tail(String text) {
        String lines = OutputCapture.lastLines(text, TAIL_LINES);
        return lines.length() <= MAX_TAIL_CHARS ? lines : "..." + lines.substring(lines.length() - MAX_TAIL_CHARS);
    }

    /** {@code 500 ms}, {@code 90 s}, {@code 10 min}. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000 || millis % 1_000 != 0) {
            return millis + " ms";
        }
        long seconds = millis / 1_000;
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    private static void deleteQuietly(@Nullable Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit(); // nothing better to do for a file we cannot delete now
        }
    }
}

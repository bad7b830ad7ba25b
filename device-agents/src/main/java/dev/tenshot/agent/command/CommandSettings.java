package dev.tenshot.agent.command;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the {@code command} runner measures: the command template, the parser for its output, the timeout, and the
 * device it registers. Start from {@link #of} and adjust with the {@code with...} methods; {@link #parseTemplate},
 * {@link #parseTimeout} and {@link #parseEnvironment} turn command-line flags into values.
 *
 * @param template the program and its arguments, one element each (no shell: write {@code sh -c ...} for one). An
 *     argument may hold the placeholders {@code {config_file}} (a temporary file with the config's canonical JSON,
 *     deleted after the run), {@code {config_json}} (that JSON inline), {@code {config_hash}}, {@code {task_id}} and
 *     {@code {space}}; each is replaced inside its argument, which stays one argument whatever the value holds
 * @param parser {@code qnn}, {@code trtexec} or {@code jsonl}, see {@link #PARSERS}
 * @param timeout how long one run may take before the tool and everything it started are killed
 * @param workingDirectory where the tool runs; null for the agent's own
 * @param environment variables added to the agent's environment; values may hold the placeholders too. Only the names
 *     are recorded with measurements, since values may be secrets
 * @param declaredWarmups untimed runs the template asks the tool for, recorded when the tool's output does not say
 *     (qnn-profile-viewer's report does not); at least 0
 * @param declaredRepeats timed runs the template asks the tool for (e.g. qnn-net-run's input list length), recorded
 *     when the tool's output does not say; at least 1
 */
public record CommandSettings(
        List<String> template,
        String parser,
        Duration timeout,
        @Nullable Path workingDirectory,
        Map<String, String> environment,
        int declaredWarmups,
        int declaredRepeats,
        Device device) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** The parser names, for a CLI's help text. */
    public static final List<String> PARSERS = TimingParser.names();

    /** The placeholders a template argument or environment value may hold. */
    public static final Set<String> PLACEHOLDERS =
            Set.of("{config_file}", "{config_json}", "{config_hash}", "{task_id}", "{space}");

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)");

    public CommandSettings {
        template = List.copyOf(template);
        if (template.isEmpty() || template.getFirst().isBlank()) {
            throw new IllegalArgumentException("the template needs a program as its first element: " + template);
        }
        if (!PARSERS.contains(parser)) {
            throw new IllegalArgumentException("unknown parser \"" + parser + "\"; known parsers: " + PARSERS);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        environment = Map.copyOf(environment);
        environment.keySet().forEach(name -> {
            if (name.isBlank() || name.contains("=")) {
                throw new IllegalArgumentException("not an environment variable name: \"" + name + "\"");
            }
        });
        if (declaredWarmups < 0) {
            throw new IllegalArgumentException("declaredWarmups must be >= 0: " + declaredWarmups);
        }
        if (declaredRepeats < 1) {
            throw new IllegalArgumentException("declaredRepeats must be >= 1: " + declaredRepeats);
        }
    }

    /**
     * The device as the agent registers it; the runner adds the template, parser and timeout to its attributes.
     *
     * @param kind {@code npu}, {@code gpu} or {@code cpu}
     * @param runtime e.g. {@code QNN 2.31 HTP}, {@code TensorRT 10.3}; also the runtime version recorded when the
     *     tool does not print its own
     * @param precision e.g. {@code fp16}, {@code w8a16}
     */
    public record Device(String name, String kind, String chipset, String runtime, String precision) {

        private static final Set<String> KINDS = Set.of("npu", "gpu", "cpu");

        public Device {
            requireText("name", name);
            requireText("chipset", chipset);
            requireText("runtime", runtime);
            requireText("precision", precision);
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("device kind must be npu, gpu or cpu: \"" + kind + "\"");
            }
        }

        private static void requireText(String field, String value) {
            if (value.isBlank()) {
                throw new IllegalArgumentException("device " + field + " must not be blank");
            }
        }
    }

    /** Settings with a 10 minute timeout, the agent's working directory and environment, 0 warm-ups, 1 repeat. */
    public static CommandSettings of(List<String> template, String parser, Device device) {
        return new CommandSettings(template, parser, DEFAULT_TIMEOUT, null, Map.of(), 0, 1, device);
    }

    public CommandSettings withTimeout(Duration timeout) {
        return new CommandSettings(
                template, parser, timeout, workingDirectory, environment, declaredWarmups, declaredRepeats, device);
    }

    public CommandSettings withWorkingDirectory(@Nullable Path workingDirectory) {
        return new CommandSettings(
                template, parser, timeout, workingDirectory, environment, declaredWarmups, declaredRepeats, device);
    }

    public CommandSettings withEnvironment(Map<String, String> environment) {
        return new CommandSettings(
                template, parser, timeout, workingDirectory, environment, declaredWarmups, declaredRepeats, device);
    }

    public CommandSettings withDeclaredCounts(int declaredWarmups, int declaredRepeats) {
        return new CommandSettings(
                template, parser, timeout, workingDirectory, environment, declaredWarmups, declaredRepeats, device);
    }

    /**
     * Splits a command line into arguments the way a POSIX shell would, without expanding anything: whitespace
     * separates, {@code '...'} is literal, {@code "..."} is literal except {@code \"} and {@code \\}, and a backslash
     * outside quotes escapes the next character. {@code qnn-net-run --model "my model.so" {config_file}} gives three
     * arguments after the program.
     *
     * @throws IllegalArgumentException for an unclosed quote, a trailing backslash or no arguments at all
     */
    public static List<String> parseTemplate(String commandLine) {
        var arguments = new ArrayList<String>();
        var current = new StringBuilder();
        boolean inArgument = false;
        char quote = 0;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\'
                        && i + 1 < commandLine.length()
                        && "\"\\".indexOf(commandLine.charAt(i + 1)) >= 0) {
                    current.append(commandLine.charAt(++i));
                } else {
                    current.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inArgument) {
                    arguments.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
            } else {
                inArgument = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\') {
                    if (i + 1 == commandLine.length()) {
                        throw new IllegalArgumentException("trailing backslash in command line: " + commandLine);
                    }
                    current.append(commandLine.charAt(++i));
                } else {
                    current.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " in command line: " + commandLine);
        }
        if (inArgument) {
            arguments.add(current.toString());
        }
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
        return List.copyOf(arguments);
    }

    /**
     * A timeout as {@code 500ms}, {@code 90s}, {@code 10m} (or {@code 10min}), {@code 2h}, or ISO-8601 ({@code
     * PT10M}).
     *
     * @throws IllegalArgumentException for anything else, or a timeout that is not positive
     */
    public static Duration parseTimeout(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Duration timeout;
        var m = DURATION.matcher(trimmed);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            double millis = switch (m.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m", "min" -> amount * 60_000;
                default -> amount * 3_600_000;
            };
            timeout = Duration.ofMillis(Math.round(millis));
        } else {
            try {
                timeout = Duration.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "not a timeout: \"" + text + "\"; write e.g. 500ms, 90s, 10m, 2h or PT10M", e);
            }
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: \"" + text + "\"");
        }
        return timeout;
    }

    /**
     * Environment assignments {@code NAME=value} (the value may be empty or hold further {@code =}) as a map.
     *
     * @throws IllegalArgumentException for an assignment without {@code =} or with an empty name
     */
    public static Map<String, String> parseEnvironment(List<String> assignments) {
        var environment = new LinkedHashMap<String, String>();
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("not a NAME=value assignment: \"" + assignment + "\"");
            }
            environment.put(assignment.substring(0, equals), assignment.substring(equals + 1));
        }
        return environment;
    }
}

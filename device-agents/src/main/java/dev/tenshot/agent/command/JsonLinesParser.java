package dev.tenshot.agent.command;

import dev.tenshot.agent.runner.StageLatencies;
import dev.tenshot.space.Statistic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * tenshot's own format for any script: one JSON object per line, other lines ignored. See {@code FORMAT.md} in this
 * package's resources for the full description.
 */
final class JsonLinesParser implements TimingParser {

    static final String NAME = "jsonl";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> STAGES =
            List.of("text_encoder", "denoiser_call", "vae_decoder", "super_resolution", "end_to_end");
    private static final Set<String> PROVENANCE_KEYS =
            Set.of("repeats", "warmup", "statistic", "dispersion_ms", "runtime", "peak_memory_bytes", "threads");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ParseResult parse(String output) {
        var lines = output.split("\\R", -1);
        var single = new HashMap<String, Double>();
        var denoiserCalls = new ArrayList<Double>();
        var provenance = new Provenance();
        try {
            for (int index = 0; index < lines.length; index++) {
                JsonNode line = objectOrNull(lines[index]);
                if (line == null) {
                    continue;
                }
                int lineNumber = index + 1;
                if (line.has("stage")) {
                    readStage(line, lineNumber, single, denoiserCalls);
                } else {
                    provenance.read(line, lineNumber);
                }
            }
        } catch (IllegalArgumentException e) {
            return new ParseResult.Unreadable(String.valueOf(e.getMessage()));
        }
        if (single.isEmpty() && denoiserCalls.isEmpty()) {
            return new ParseResult.Unreadable(
                    "no timing line: expected lines like {\"stage\": \"end_to_end\", \"ms\": 812.5}");
        }
        Double endToEnd = single.get("end_to_end");
        double endToEndMs = endToEnd != null ? endToEnd : sumOfStages(single, denoiserCalls);
        var latency = new StageLatencies(
                endToEndMs,
                single.get("text_encoder"),
                denoiserCalls.isEmpty() ? null : denoiserCalls,
                single.get("vae_decoder"),
                single.get("super_resolution"));
        return new ParseResult.Read(new ToolReport(
                latency,
                provenance.repeats,
                provenance.warmup,
                provenance.statistic == null ? Statistic.MEDIAN : provenance.statistic,
                provenance.dispersionMs,
                provenance.runtime,
                provenance.peakMemoryBytes,
                provenance.threads,
                Map.of()));
    }

    /** The line as a JSON object, or null for a log line (anything that is not one JSON object). */
    private static @Nullable JsonNode objectOrNull(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            return node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void readStage(
            JsonNode line, int lineNumber, Map<String, Double> single, List<Double> denoiserCalls) {
        JsonNode stageNode = line.get("stage");
        String stage = stageNode.isString() ? stageNode.stringValue() : stageNode.toString();
        if (!STAGES.contains(stage)) {
            throw new IllegalArgumentException(
                    "line " + lineNumber + ": unknown stage \"" + stage + "\"; known stages: " + STAGES);
        }
        JsonNode ms = line.get("ms");
        if (ms == null || !ms.isNumber() || !Double.isFinite(ms.doubleValue()) || ms.doubleValue() < 0) {
            throw new IllegalArgumentException("line " + lineNumber + ": stage " + stage
                    + " needs \"ms\" as a finite number >= 0, got " + (ms == null ? "nothing" : ms.toString()));
        }
        if (stage.equals("denoiser_call")) {
            denoiserCalls.add(ms.doubleValue());
        } else if (single.putIfAbsent(stage, ms.doubleValue()) != null) {
            throw new IllegalArgumentException("line " + lineNumber + ": stage " + stage
                    + " given twice (only denoiser_call repeats, once per call)");
        }
    }

    private static double sumOfStages(Map<String, Double> single, List<Double> denoiserCalls) {
        double sum = single.values().stream().mapToDouble(Double::doubleValue).sum();
        return sum + denoiserCalls.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The optional provenance keys, from however many lines they are spread over. */
    private static final class Provenance {
        @Nullable
        Integer repeats;

        @Nullable
        Integer warmup;

        @Nullable
        Statistic statistic;

        @Nullable
        Double dispersionMs;

        @Nullable
        String runtime;

        @Nullable
        Long peakMemoryBytes;

        @Nullable
        Integer threads;

        void read(JsonNode line, int lineNumber) {
            if (line.propertyNames().stream().noneMatch(PROVENANCE_KEYS::contains)) {
                return; // a script's own structured log line
            }
            if (line.has("repeats")) {
                repeats = wholeNumber(line, "repeats", 1, lineNumber);
            }
            if (line.has("warmup")) {
                warmup = wholeNumber(line, "warmup", 0, lineNumber);
            }
            if (line.has("threads")) {
                threads = wholeNumber(line, "threads", 1, lineNumber);
            }
            if (line.has("peak_memory_bytes")) {
                JsonNode bytes = line.get("peak_memory_bytes");
                if (!bytes.isIntegralNumber() || !bytes.canConvertToLong() || bytes.longValue() < 0) {
                    throw new IllegalArgumentException(
                            "line " + lineNumber + ": peak_memory_bytes must be a whole number >= 0, got " + bytes);
                }
                peakMemoryBytes = bytes.longValue();
            }
            if (line.has("dispersion_ms")) {
                JsonNode dispersion = line.get("dispersion_ms");
                if (!dispersion.isNumber()
                        || !Double.isFinite(dispersion.doubleValue())
                        || dispersion.doubleValue() < 0) {
                    throw new IllegalArgumentException(
                            "line " + lineNumber + ": dispersion_ms must be a finite number >= 0, got " + dispersion);
                }
                dispersionMs = dispersion.doubleValue();
            }
            if (line.has("statistic")) {
                String value = text(line, "statistic", lineNumber);
                statistic = Statistic.ofLabel(value)
                        .orElseThrow(() -> new IllegalArgumentException("line " + lineNumber
                                + ": statistic must be one of median, mean, min, got \"" + value + "\""));
            }
            if (line.has("runtime")) {
                runtime = text(line, "runtime", lineNumber);
            }
        }

        private static int wholeNumber(JsonNode line, String key, int min, int lineNumber) {
            JsonNode value = line.get(key);
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min) {
                throw new IllegalArgumentException(
                        "line " + lineNumber + ": " + key + " must be a whole number >= " + min + ", got " + value);
            }
            return value.intValue();
        }

        private static String text(JsonNode line, String key, int lineNumber) {
            JsonNode value = line.get(key);
            if (!value.isString() || value.stringValue().isBlank()) {
                throw new IllegalArgumentException(
                        "line " + lineNumber + ": " + key + " must be a non-blank string, got " + value);
            }
            return value.stringValue();
        }
    }
}

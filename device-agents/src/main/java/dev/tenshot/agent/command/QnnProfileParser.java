package dev.tenshot.agent.command;

import dev.tenshot.agent.runner.Quantiles;
import dev.tenshot.agent.runner.StageLatencies;
import dev.tenshot.space.Statistic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Qualcomm AI Engine Direct (QNN) path: {@code qnn-net-run --profiling_level basic} writes a binary profiling
 * log, and {@code qnn-profile-viewer --input_log ...} prints it as text. Reads either of two forms.
 *
 * <ul>
 *   <li>The viewer's text report. Each "Execute Stats (Average)" section gives the mean per-inference "NetRun" time
 *       (microseconds; summed over the graphs listed, which qnn-net-run executes one after another). One report
 *       gives statistic {@code mean}, with the "Min" and "Max" sections kept as reported figures; several reports in
 *       one output (one per qnn-net-run invocation) give the median of their means and its interquartile range.
 *   <li>The CSV event stream ({@code Msg Timestamp,Message,Time,Unit of Measurement,Timing Source,Event Level,Event
 *       Identifier}, as ONNX Runtime's QNN execution provider writes it). Each root {@code EXECUTE} event is one
 *       inference; the median over them is end to end, the interquartile range the dispersion, their count the
 *       repeats. Assumes one graph per inference.
 * </ul>
 *
 * The viewer's text report does not say how many inferences it averaged; the runner then takes the repeat count
 * from its settings. The version comes from the report's "qnn-net-run v..." line when present.
 */
final class QnnProfileParser implements TimingParser {

    static final String NAME = "qnn";

    private static final Pattern EXECUTE_SECTION = Pattern.compile("^Execute Stats \\((\\w+)\\):");
    private static final Pattern NETRUN = Pattern.compile("^NetRun:\\s*(" + NUMBER + ")\\s*(us|ms|ns)\\b");
    private static final Pattern IPS = Pattern.compile("^NetRun IPS[^:]*:\\s*(" + NUMBER + ")\\s*inf/sec");
    private static final Pattern NET_RUN_VERSION = Pattern.compile("^qnn-net-run\\s+v(\\S+)");
    private static final Pattern VIEWER_VERSION = Pattern.compile("^qnn-profile-viewer\\s+v(\\S+)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ParseResult parse(String output) {
        List<String> lines = output.lines().map(String::strip).toList();
        String version = version(lines);
        int header = csvHeader(lines);
        return header >= 0 ? parseCsv(lines, header, version) : parseText(lines, version);
    }

    private static @Nullable String version(List<String> lines) {
        @Nullable String viewer = null;
        for (String line : lines) {
            Matcher netRun = NET_RUN_VERSION.matcher(line);
            if (netRun.find()) {
                return "qnn " + netRun.group(1);
            }
            Matcher m = VIEWER_VERSION.matcher(line);
            if (m.find() && viewer == null) {
                viewer = "qnn " + m.group(1);
            }
        }
        return viewer;
    }

    private static ParseResult parseText(List<String> lines, @Nullable String version) {
        var sections = new ArrayList<ExecuteSection>();
        @Nullable ExecuteSection current = null;
        @Nullable Double ips = null;
        for (String line : lines) {
            Matcher header = EXECUTE_SECTION.matcher(line);
            if (header.find()) {
                current = new ExecuteSection(header.group(1));
                sections.add(current);
                continue;
            }
            if (line.endsWith("Stats:") || line.endsWith("Statistics:")) {
                current = null; // Init, Compose Graphs, Finalize, De-Init: not inference time
                continue;
            }
            Matcher ipsLine = IPS.matcher(line);
            if (ipsLine.find()) {
                ips = Double.parseDouble(ipsLine.group(1));
                continue;
            }
            Matcher netRun = NETRUN.matcher(line);
            if (netRun.find() && current != null) {
                current.add(millis(netRun.group(1), netRun.group(2)));
            }
        }
        var averages = new ArrayList<Double>();
        for (ExecuteSection section : sections) {
            if (section.kind.equals("Average")) {
                if (section.totalMs == null) {
                    return new ParseResult.Unreadable("\"Execute Stats (Average)\" section " + (averages.size() + 1)
                            + " has no NetRun time (is the output cut short?)");
                }
                averages.add(section.totalMs);
            }
        }
        if (averages.isEmpty()) {
            return new ParseResult.Unreadable("no \"Execute Stats (Average)\" section with a NetRun time; expected"
                    + " qnn-profile-viewer's text report (qnn-net-run --profiling_level basic) or its CSV events");
        }
        var reported = new LinkedHashMap<String, Double>();
        totals(sections, "Min").stream().min(Double::compare).ifPresent(min -> reported.put("netrun_min_ms", min));
        totals(sections, "Max").stream().max(Double::compare).ifPresent(max -> reported.put("netrun_max_ms", max));
        if (ips != null) {
            reported.put("netrun_inferences_per_second", ips);
        }
        boolean single = averages.size() == 1;
        if (!single) {
            reported.put("reports", (double) averages.size());
        }
        return new ParseResult.Read(new ToolReport(
                StageLatencies.endToEnd(single ? averages.getFirst() : Quantiles.median(averages)),
                null,
                null,
                single ? Statistic.MEAN : Statistic.MEDIAN,
                single ? null : Quantiles.interquartileRange(averages),
                version,
                null,
                null,
                reported));
    }

    private static List<Double> totals(List<ExecuteSection> sections, String kind) {
        return sections.stream()
                .filter(section -> section.kind.equals(kind) && section.totalMs != null)
                .map(section -> section.totalMs)
                .toList();
    }

    /** One "Execute Stats (...)" section of a report: its NetRun times summed over the graphs it lists. */
    private static final class ExecuteSection {
        final String kind;

        @Nullable
        Double totalMs;

        ExecuteSection(String kind) {
            this.kind = kind;
        }

        void add(double millis) {
            totalMs = totalMs == null ? millis : totalMs + millis;
        }
    }

    /** Index of the CSV header line, or -1. */
    private static int csvHeader(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("Msg Timestamp,") && line.contains("Event Identifier")) {
                return i;
            }
        }
        return -1;
    }

    private static ParseResult parseCsv(List<String> lines, int header, @Nullable String version) {
        List<String> columns = csvFields(lines.get(header));
        int message = columns.indexOf("Message");
        int time = columns.indexOf("Time");
        int unit = columns.indexOf("Unit of Measurement");
        int level = columns.indexOf("Event Level");
        if (message < 0 || time < 0 || unit < 0 || level < 0) {
            return new ParseResult.Unreadable("the QNN profiling CSV header lacks Message, Time, Unit of Measurement"
                    + " or Event Level: " + lines.get(header));
        }
        int needed = Math.max(Math.max(message, time), Math.max(unit, level)) + 1;
        var inferences = new ArrayList<Double>();
        for (int i = header + 1; i < lines.size(); i++) {
            List<String> fields = csvFields(lines.get(i));
            if (fields.size() < needed
                    || !fields.get(message).equals("EXECUTE")
                    || !fields.get(level).equals("ROOT")) {
                continue;
            }
            String unitName = fields.get(unit).toLowerCase(Locale.ROOT);
            if (!unitName.matches("us|ms|ns") || !fields.get(time).matches(NUMBER)) {
                return new ParseResult.Unreadable("line " + (i + 1) + ": an EXECUTE event needs a time in US, MS or"
                        + " NS, got " + fields.get(time) + " " + fields.get(unit));
            }
            inferences.add(millis(fields.get(time), unitName));
        }
        if (inferences.isEmpty()) {
            return new ParseResult.Unreadable("the QNN profiling CSV has no root EXECUTE event (one per inference)");
        }
        var reported = new LinkedHashMap<String, Double>();
        reported.put("execute_min_ms", Collections.min(inferences));
        reported.put("execute_max_ms", Collections.max(inferences));
        return new ParseResult.Read(new ToolReport(
                StageLatencies.endToEnd(Quantiles.median(inferences)),
                inferences.size(),
                null,
                Statistic.MEDIAN,
                inferences.size() > 1 ? Quantiles.interquartileRange(inferences) : null,
                version,
                null,
                null,
                reported));
    }

    /** Splits one CSV line; fields may be double-quoted, with {@code ""} for a quote inside. */
    static List<String> csvFields(String line) {
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }

    private static double millis(String value, String unit) {
        double number = Double.parseDouble(value);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns" -> number / 1_000_000.0;
            case "us" -> number / 1_000.0;
            case "ms" -> number;
            default -> throw new IllegalArgumentException("not a time unit: " + unit);
        };
    }
}

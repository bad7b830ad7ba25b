package dev.tenshot.agent.command;

import dev.tenshot.agent.runner.StageLatencies;
import dev.tenshot.space.Statistic;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * NVIDIA TensorRT's {@code trtexec} log (TensorRT 8.6 and later). End to end is the median of the "Latency" line of
 * the performance summary (host latency: input copy, compute and output copy). Repeats come from "Timing trace has
 * N queries", warm-ups from "Warmup completed N queries", the version from "TensorRT version:" or the {@code &&&&}
 * banner. trtexec prints the 90th, 95th and 99th percentiles by default, which give no interquartile range; run it
 * with {@code --percentile=25,75,90,99} and the dispersion is the 75th minus the 25th percentile.
 */
final class TrtexecParser implements TimingParser {

    static final String NAME = "trtexec";

    /** The {@code [08/14/2024-09:12:08] [I] } prefix of each log line. */
    private static final Pattern LOG_PREFIX = Pattern.compile("^\\s*(?:\\[[^\\]]*]\\s*)+");

    private static final Pattern VERSION = Pattern.compile("^TensorRT version:\\s*(\\S+)");
    private static final Pattern BANNER =
            Pattern.compile("^&&&& (RUNNING|PASSED|FAILED) TensorRT\\.trtexec \\[TensorRT v(\\d+)]");
    private static final Pattern WARMUP = Pattern.compile("^Warmup completed (\\d+) queries");
    private static final Pattern TRACE = Pattern.compile("^Timing trace has (\\d+) queries");
    private static final Pattern THROUGHPUT = Pattern.compile("^Throughput:\\s*(" + NUMBER + ")\\s*qps");
    private static final Pattern LATENCY = Pattern.compile("^Latency:(.*)");
    private static final Pattern GPU_COMPUTE = Pattern.compile("^GPU Compute Time:(.*)");
    private static final Pattern STATISTIC =
            Pattern.compile("(min|max|mean|median|percentile\\((" + NUMBER + ")%\\))\\s*=\\s*(" + NUMBER + ")\\s*ms");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ParseResult parse(String output) {
        @Nullable String version = null;
        @Nullable String bannerVersion = null;
        @Nullable String warmups = null;
        @Nullable String repeats = null;
        @Nullable String throughput = null;
        @Nullable String latencyLine = null;
        @Nullable String gpuComputeLine = null;
        for (String rawLine : output.split("\\R")) {
            String line = LOG_PREFIX.matcher(rawLine).replaceFirst("").strip();
            Matcher banner = BANNER.matcher(line);
            if (banner.find()) {
                if (banner.group(1).equals("FAILED")) {
                    return new ParseResult.Unreadable("trtexec reported FAILED: " + line);
                }
                bannerVersion = bannerVersion(banner.group(2));
                continue;
            }
            version = found(VERSION, line, version);
            warmups = found(WARMUP, line, warmups);
            repeats = found(TRACE, line, repeats);
            throughput = found(THROUGHPUT, line, throughput);
            latencyLine = found(LATENCY, line, latencyLine);
            gpuComputeLine = found(GPU_COMPUTE, line, gpuComputeLine);
        }
        if (latencyLine == null) {
            return new ParseResult.Unreadable("no performance summary: expected a line like "
                    + "\"[I] Latency: min = 1.2 ms, max = 2.3 ms, mean = 1.5 ms, median = 1.4 ms, ...\"");
        }
        Map<String, Double> latency = statistics(latencyLine);
        Double median = latency.get("median");
        if (median == null) {
            return new ParseResult.Unreadable("the Latency line has no median: Latency:" + latencyLine);
        }
        Integer repeatCount = repeats == null ? null : Integer.valueOf(repeats);
        if (repeatCount != null && repeatCount < 1) {
            return new ParseResult.Unreadable("the timing trace has no queries");
        }
        var reported = new LinkedHashMap<String, Double>();
        latency.forEach((key, value) -> reported.put("latency_" + key + "_ms", value));
        if (gpuComputeLine != null) {
            statistics(gpuComputeLine).forEach((key, value) -> reported.put("gpu_compute_" + key + "_ms", value));
        }
        if (throughput != null) {
            reported.put("throughput_qps", Double.valueOf(throughput));
        }
        Double p25 = latency.get("p25");
        Double p75 = latency.get("p75");
        Double dispersion = p25 != null && p75 != null ? p75 - p25 : null;
        String runtime = version != null ? version : bannerVersion;
        return new ParseResult.Read(new ToolReport(
                StageLatencies.endToEnd(median),
                repeatCount,
                warmups == null ? null : Integer.valueOf(warmups),
                Statistic.MEDIAN,
                dispersion,
                runtime == null ? null : "tensorrt " + runtime,
                null,
                null,
                reported));
    }

    /** The pattern's first group if the line matches, else what was found before. */
    private static @Nullable String found(Pattern pattern, String line, @Nullable String before) {
        Matcher m = pattern.matcher(line);
        return m.find() ? m.group(1) : before;
    }
    /** {@code min = 1.2 ms, median = 1.4 ms, percentile(90%) = 1.9 ms} as {min: 1.2, median: 1.4, p90: 1.9}. */
    private static Map<String, Double> statistics(String text) {
        var values = new HashMap<String, Double>();
        Matcher m = STATISTIC.matcher(text);
        while (m.find()) {
            String key = m.group(2) != null ? "p" + percentileName(m.group(2)) : m.group(1);
            values.put(key, Double.parseDouble(m.group(3)));
        }
        return values;
    }

    private static String percentileName(String percent) {
        double value = Double.parseDouble(percent);
        return value == Math.rint(value) ? Long.toString((long) value) : percent.replace('.', '_');
    }

    /** {@code 100300} (TensorRT 10: MMmmpp) as 10.3.0, {@code 8601} (TensorRT 8: Mmpp) as 8.6.1. */
    private static String bannerVersion(String digits) {
        int n = Integer.parseInt(digits);
        if (n >= 10000) {
            return String.format(Locale.ROOT, "%d.%d.%d", n / 10000, n / 100 % 100, n % 100);
        }
        return String.format(Locale.ROOT, "%d.%d.%d", n / 1000, n / 100 % 10, n % 100);
    }
}

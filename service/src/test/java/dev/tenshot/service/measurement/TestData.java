package dev.tenshot.service.measurement;

import java.util.Collections;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Measurement payloads for tests, as agents post them. */
final class TestData {

    private TestData() {}

    /** A valid MMDiT config that keeps {@code kept} blocks (the last {@code kept} of 24) at full width. */
    static String mmditConfig(int kept) {
        String keep = IntStream.range(0, 24)
                .mapToObj(block -> block >= 24 - kept ? "1" : "0")
                .collect(Collectors.joining(",", "[", "]"));
        return "{\"keep\": " + keep + ", \"mlpWidth\": " + "[" + String.join(",", Collections.nCopies(24, "1")) + "]}";
    }

    static String measurement(String clientId, int keptBlocks, String endToEndMs) {
        return """
                {"clientId": "%s", "space": "mmdit-pruning", "config": %s,
                 "latency": {"endToEndMs": %s, "textEncoderMs": 12.5, "denoiserCallsMs": [40.1, 40.3],
                             "vaeDecoderMs": 30.0},
                 "peakMemoryBytes": 1073741824, "warmupCount": 2, "repeatCount": 10, "statistic": "median",
                 "dispersionMs": 0.8, "runtimeVersion": "onnxruntime 1.29.0", "agentVersion": "0.1.0",
                 "threads": 2, "precision": "fp32", "measuredAt": "2026-11-24T10:00:00Z"}
                """.formatted(clientId, mmditConfig(keptBlocks), endToEndMs);
    }

    /** A measurement whose {@code "contention"} object has these fields, e.g. {@code "checked": true, ...}. */
    static String measurementWithContention(String clientId, int keptBlocks, String endToEndMs, String fields) {
        String plain = measurement(clientId, keptBlocks, endToEndMs).stripTrailing();
        return plain.substring(0, plain.length() - 1) + ", \"contention\": {" + fields + "}}";
    }

    /** A measurement whose config drops the last block, which the MMDiT space never allows. */
    static String measurementDroppingTheLastBlock(String clientId) {
        return measurement(clientId, 24, "1.0").replaceFirst(",1\\], \"mlpWidth\"", ",0], \"mlpWidth\"");
    }

    static String batch(String... measurements) {
        return "{\"measurements\": [" + String.join(",", measurements) + "]}";
    }

    /** {@code count} valid measurements with client ids {@code prefix-0 ...}. */
    static String batchOf(String prefix, int count) {
        return batch(IntStream.range(0, count)
                .mapToObj(i -> measurement(prefix + "-" + i, 1 + i % 24, Double.toString(100.0 + i)))
                .toArray(String[]::new));
    }
}

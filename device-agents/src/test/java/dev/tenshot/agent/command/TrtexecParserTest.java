package dev.tenshot.agent.command;

import static dev.tenshot.agent.command.TestData.read;
import static dev.tenshot.agent.command.TestData.sample;
import static dev.tenshot.agent.command.TestData.unreadable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenshot.space.Statistic;
import org.junit.jupiter.api.Test;

class TrtexecParserTest {

    private final TrtexecParser parser = new TrtexecParser();

    @Test
    void readsTheMedianLatencyAndItsProvenanceFromATensorRt10Log() {
        ToolReport timings = read(parser, sample("trtexec-10.3.txt"));

        assertThat(timings.latency().endToEndMs()).isEqualTo(41.2731);
        assertThat(timings.statistic()).isEqualTo(Statistic.MEDIAN);
        assertThat(timings.repeatCount()).isEqualTo(200);
        assertThat(timings.warmupCount()).isEqualTo(12);
        assertThat(timings.runtimeVersion()).isEqualTo("tensorrt 10.3.0");
        assertThat(timings.dispersionMs())
                .as("the default percentiles 90, 95, 99 give no interquartile range")
                .isNull();
        assertThat(timings.reported())
                .containsEntry("latency_min_ms", 41.0219)
                .containsEntry("latency_p90_ms", 41.5318)
                .containsEntry("latency_p99_ms", 42.6120)
                .containsEntry("gpu_compute_median_ms", 41.0255)
                .containsEntry("throughput_qps", 24.1630)
                .doesNotContainKey("latency_p25_ms");
    }

    @Test
    void takesTheInterquartileRangeFromQuartilePercentilesAndTheVersionFromTheBanner() {
        ToolReport timings = read(parser, sample("trtexec-8.6-quartiles.txt"));

        assertThat(timings.latency().endToEndMs()).isEqualTo(336.870);
        assertThat(timings.dispersionMs()).isCloseTo(339.015 - 335.402, within(1e-9));
        assertThat(timings.runtimeVersion()).isEqualTo("tensorrt 8.6.1");
        assertThat(timings.repeatCount()).isEqualTo(50);
        assertThat(timings.warmupCount()).isEqualTo(1);
    }

    @Test
    void doesNotTakeTheCopyLatenciesForTheEndToEndLatency() {
        String output = """
                [I] H2D Latency: min = 0.1 ms, max = 0.2 ms, mean = 0.15 ms, median = 0.15 ms
                [I] Latency: min = 9.0 ms, max = 11.0 ms, mean = 10.1 ms, median = 10.0 ms
                [I] D2H Latency: min = 0.1 ms, max = 0.2 ms, mean = 0.15 ms, median = 0.14 ms
                """;

        assertThat(read(parser, output).latency().endToEndMs()).isEqualTo(10.0);
    }

    @Test
    void rejectsALogCutOffBeforeThePerformanceSummary() {
        String full = sample("trtexec-10.3.txt");
        String truncated = full.substring(0, full.indexOf("=== Performance summary ==="));

        assertThat(unreadable(parser, truncated)).contains("no performance summary", "Latency: min =");
    }

    @Test
    void rejectsARunTrtexecReportsAsFailed() {
        String output = """
                &&&& RUNNING TensorRT.trtexec [TensorRT v100300] # trtexec --loadEngine=missing.plan
                [03/04/2025-10:31:02] [E] Error opening engine file: missing.plan
                &&&& FAILED TensorRT.trtexec [TensorRT v100300] # trtexec --loadEngine=missing.plan
                """;

        assertThat(unreadable(parser, output)).contains("trtexec reported FAILED");
    }

    @Test
    void rejectsALatencyLineWithoutMedian() {
        assertThat(unreadable(parser, "[I] Latency: min = 9.0 ms, max = 11.0 ms\n"))
                .contains("no median");
    }

    @Test
    void rejectsGarbage() {
        assertThat(unreadable(parser, "\u0000\u0001 not a log at all")).contains("no performance summary");
    }
}

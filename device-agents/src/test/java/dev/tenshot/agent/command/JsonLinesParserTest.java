package dev.tenshot.agent.command;

import static dev.tenshot.agent.command.TestData.read;
import static dev.tenshot.agent.command.TestData.sample;
import static dev.tenshot.agent.command.TestData.unreadable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.agent.runner.StageLatencies;
import dev.tenshot.space.Statistic;
import org.junit.jupiter.api.Test;

class JsonLinesParserTest {

    private final JsonLinesParser parser = new JsonLinesParser();

    @Test
    void readsEveryStageAndSumsThemWhenEndToEndIsNotGiven() {
        ToolReport timings = read(parser, sample("jsonl-pipeline.txt"));

        StageLatencies latency = timings.latency();
        assertThat(latency.textEncoderMs()).isEqualTo(31.5);
        assertThat(latency.denoiserCallsMs()).containsExactly(402.25, 398.75, 210.5, 95.0);
        assertThat(latency.vaeDecoderMs()).isEqualTo(120.25);
        assertThat(latency.superResolutionMs()).isNull();
        assertThat(latency.endToEndMs()).isEqualTo(1258.25);
    }

    @Test
    void readsProvenanceSpreadOverSeveralLines() {
        ToolReport timings = read(parser, sample("jsonl-pipeline.txt"));

        assertThat(timings.repeatCount()).isEqualTo(20);
        assertThat(timings.warmupCount()).isEqualTo(3);
        assertThat(timings.statistic()).isEqualTo(Statistic.MEDIAN);
        assertThat(timings.dispersionMs()).isEqualTo(14.2);
        assertThat(timings.runtimeVersion()).isEqualTo("onnxruntime 1.22.0 QNN EP");
        assertThat(timings.peakMemoryBytes()).isEqualTo(3_221_225_472L);
        assertThat(timings.threads()).isEqualTo(4);
    }

    @Test
    void prefersAGivenEndToEndOverTheSumOfStages() {
        String output = """
                {"stage": "denoiser_call", "ms": 40}
                {"stage": "end_to_end", "ms": 55.5}
                """;

        ToolReport timings = read(parser, output);

        assertThat(timings.latency().endToEndMs()).isEqualTo(55.5);
        assertThat(timings.repeatCount()).as("left to the runner's settings").isNull();
        assertThat(timings.statistic()).isEqualTo(Statistic.MEDIAN);
    }

    @Test
    void ignoresLogLinesBrokenJsonAndForeignObjects() {
        String output = """
                starting {benchmark}
                {"stage": "vae_dec
                {"level": "info", "msg": "loaded"}
                [1, 2, 3]
                {"stage": "end_to_end", "ms": 7}
                """;

        assertThat(read(parser, output).latency().endToEndMs()).isEqualTo(7.0);
    }

    @Test
    void rejectsOutputWithoutTimingLines() {
        assertThat(unreadable(parser, "loading model\nSegmentation fault\n")).contains("no timing line");
        assertThat(unreadable(parser, "")).contains("no timing line");
    }

    @Test
    void rejectsAnUnknownStageNamingItsLine() {
        String output = "log\n{\"stage\": \"unet\", \"ms\": 3}\n";

        assertThat(unreadable(parser, output)).contains("line 2", "unknown stage \"unet\"", "denoiser_call");
    }

    @Test
    void rejectsASingleStageGivenTwice() {
        String output = "{\"stage\": \"vae_decoder\", \"ms\": 3}\n{\"stage\": \"vae_decoder\", \"ms\": 4}\n";

        assertThat(unreadable(parser, output)).contains("line 2", "vae_decoder given twice");
    }

    @Test
    void rejectsAStageWithoutAUsableLatency() {
        assertThat(unreadable(parser, "{\"stage\": \"end_to_end\"}")).contains("needs \"ms\"");
        assertThat(unreadable(parser, "{\"stage\": \"end_to_end\", \"ms\": -1}"))
                .contains("needs \"ms\"");
        assertThat(unreadable(parser, "{\"stage\": \"end_to_end\", \"ms\": \"fast\"}"))
                .contains("needs \"ms\"");
    }

    @Test
    void rejectsProvenanceOfTheWrongType() {
        String output = "{\"stage\": \"end_to_end\", \"ms\": 3}\n{\"repeats\": \"many\"}\n";

        assertThat(unreadable(parser, output)).contains("line 2", "repeats must be a whole number >= 1");
        assertThat(unreadable(parser, "{\"statistic\": \"p90\"}\n{\"stage\": \"end_to_end\", \"ms\": 3}"))
                .contains("statistic must be one of");
    }
}

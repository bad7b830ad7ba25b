package dev.tenshot.agent.command;

import static dev.tenshot.agent.command.TestData.read;
import static dev.tenshot.agent.command.TestData.sample;
import static dev.tenshot.agent.command.TestData.unreadable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenshot.space.Statistic;
import org.junit.jupiter.api.Test;

class QnnProfileParserTest {

    private final QnnProfileParser parser = new QnnProfileParser();

    @Test
    void readsTheMeanNetRunTimeOfOneViewerReport() {
        ToolReport timings = read(parser, sample("qnn-profile-viewer-basic.txt"));

        assertThat(timings.latency().endToEndMs()).isCloseTo(48.213, within(1e-9));
        assertThat(timings.statistic()).isEqualTo(Statistic.MEAN);
        assertThat(timings.repeatCount())
                .as("the viewer does not say how many inferences")
                .isNull();
        assertThat(timings.dispersionMs()).isNull();
        assertThat(timings.runtimeVersion()).isEqualTo("qnn 2.31.0.250130151446_114721");
        assertThat(timings.reported())
                .containsEntry("netrun_min_ms", 47.102)
                .containsEntry("netrun_max_ms", 51.877)
                .containsEntry("netrun_inferences_per_second", 19.8312);
    }

    @Test
    void takesTheMedianOverSeveralReportsSummingTheGraphsOfEach() {
        ToolReport timings = read(parser, sample("qnn-profile-viewer-runs.txt"));

        assertThat(timings.latency().endToEndMs())
                .as("reports of 50.1, 48.9 and 49.5 ms, each two graphs")
                .isCloseTo(49.5, within(1e-9));
        assertThat(timings.statistic()).isEqualTo(Statistic.MEDIAN);
        assertThat(timings.dispersionMs()).isCloseTo(0.6, within(1e-9));
        assertThat(timings.reported())
                .containsEntry("reports", 3.0)
                .hasEntrySatisfying("netrun_min_ms", min -> assertThat(min).isCloseTo(47.4, within(1e-9)))
                .hasEntrySatisfying("netrun_max_ms", max -> assertThat(max).isCloseTo(53.2, within(1e-9)));
    }

    @Test
    void readsOneExecuteEventPerInferenceFromTheCsv() {
        ToolReport timings = read(parser, sample("qnn-profile.csv"));

        assertThat(timings.latency().endToEndMs()).isCloseTo(48.21, within(1e-9));
        assertThat(timings.statistic()).isEqualTo(Statistic.MEDIAN);
        assertThat(timings.repeatCount()).isEqualTo(5);
        assertThat(timings.dispersionMs()).isCloseTo(0.37, within(1e-9));
        assertThat(timings.reported()).containsEntry("execute_min_ms", 47.99).containsEntry("execute_max_ms", 49.1);
    }

    @Test
    void rejectsAReportCutShortAfterTheAverageHeader() {
        String full = sample("qnn-profile-viewer-basic.txt");
        String truncated = full.substring(0, full.indexOf("Graph 0 (mmdit_denoiser):"));

        assertThat(unreadable(parser, truncated)).contains("Execute Stats (Average)", "no NetRun time");
    }

    @Test
    void rejectsOutputWithoutAnExecuteSection() {
        String initOnly = """
                Init Stats:
                -----------
                    NetRun: 331158 us
                qnn-net-run: error: could not load backend
                """;

        assertThat(unreadable(parser, initOnly)).contains("no \"Execute Stats (Average)\" section");
        assertThat(unreadable(parser, "Segmentation fault\n")).contains("qnn-profile-viewer");
    }

    @Test
    void rejectsACsvWithoutExecuteEvents() {
        String csv = """
                Msg Timestamp,Message,Time,Unit of Measurement,Timing Source,Event Level,Event Identifier
                UNKNOWN,BACKEND,4,COUNT,BACKEND,SUB-EVENT,Number of HVX threads used
                """;

        assertThat(unreadable(parser, csv)).contains("no root EXECUTE event");
    }

    @Test
    void splitsQuotedCsvFields() {
        assertThat(QnnProfileParser.csvFields("0,NODE,25,CYCLES,HW,SUB-EVENT,\"Conv, \"\"fused\"\"\""))
                .containsExactly("0", "NODE", "25", "CYCLES", "HW", "SUB-EVENT", "Conv, \"fused\"");
    }
}

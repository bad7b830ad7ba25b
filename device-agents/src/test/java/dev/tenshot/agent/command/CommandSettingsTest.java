package dev.tenshot.agent.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandSettingsTest {

    @Test
    void splitsACommandLineLikeAShellWithoutExpandingAnything() {
        List<String> template = CommandSettings.parseTemplate(
                "qnn-net-run --model \"my model.so\" 'a \"b\"' c\\ d $HOME {config_file} \"\" \"x\\\"y\"");

        assertThat(template)
                .containsExactly(
                        "qnn-net-run",
                        "--model",
                        "my model.so",
                        "a \"b\"",
                        "c d",
                        "$HOME",
                        "{config_file}",
                        "",
                        "x\"y");
    }

    @Test
    void rejectsAnUnclosedQuoteOrAnEmptyCommandLine() {
        assertThatThrownBy(() -> CommandSettings.parseTemplate("trtexec '--onnx=a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unclosed '");
        assertThatThrownBy(() -> CommandSettings.parseTemplate("   "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty command line");
    }

    @Test
    void parsesTimeoutsWithUnitsOrInIso8601() {
        assertThat(CommandSettings.parseTimeout("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(CommandSettings.parseTimeout("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(CommandSettings.parseTimeout("90 s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(CommandSettings.parseTimeout("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(CommandSettings.parseTimeout("10min")).isEqualTo(Duration.ofMinutes(10));
        assertThat(CommandSettings.parseTimeout("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(CommandSettings.parseTimeout("PT10M")).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void rejectsATimeoutThatIsNotPositiveOrNotATimeout() {
        assertThatThrownBy(() -> CommandSettings.parseTimeout("0s")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> CommandSettings.parseTimeout("soon")).hasMessageContaining("not a timeout: \"soon\"");
    }

    @Test
    void parsesEnvironmentAssignments() {
        assertThat(CommandSettings.parseEnvironment(List.of("ADSP_LIBRARY_PATH=/vendor/dsp;/data", "OPTS=a=b", "E=")))
                .containsExactly(
                        Map.entry("ADSP_LIBRARY_PATH", "/vendor/dsp;/data"),
                        Map.entry("OPTS", "a=b"),
                        Map.entry("E", ""));
        assertThatThrownBy(() -> CommandSettings.parseEnvironment(List.of("=x")))
                .hasMessageContaining("not a NAME=value assignment");
        assertThatThrownBy(() -> CommandSettings.parseEnvironment(List.of("JUSTANAME")))
                .hasMessageContaining("JUSTANAME");
    }

    @Test
    void defaultsToTenMinutesOneRepeatAndNoWarmups() {
        var settings = CommandSettings.of(List.of("trtexec"), "trtexec", TestData.device());

        assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.declaredRepeats()).isEqualTo(1);
        assertThat(settings.declaredWarmups()).isZero();
        assertThat(settings.workingDirectory()).isNull();
        assertThat(settings.environment()).isEmpty();
    }

    @Test
    void rejectsAnUnknownParserNamingTheKnownOnes() {
        assertThatThrownBy(() -> CommandSettings.of(List.of("tool"), "snpe", TestData.device()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parser \"snpe\"")
                .hasMessageContaining("qnn", "trtexec", "jsonl");
    }

    @Test
    void rejectsATemplateWithoutAProgram() {
        assertThatThrownBy(() -> CommandSettings.of(List.of(), "jsonl", TestData.device()))
                .hasMessageContaining("needs a program");
        assertThatThrownBy(() -> CommandSettings.of(List.of(" "), "jsonl", TestData.device()))
                .hasMessageContaining("needs a program");
    }

    @Test
    void rejectsADeviceOfAnUnknownKind() {
        assertThatThrownBy(() -> new CommandSettings.Device("phone", "dsp", "SM8750", "QNN", "w8a16"))
                .hasMessageContaining("npu, gpu or cpu");
    }
}

package dev.tenshot.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void exportsAConfigFileAtATinyRunnerScale() throws Exception {
        Path config = Files.writeString(dir.resolve("config.json"), oneBlockConfig());
        var out = new StringWriter();

        int exit = commandLine(out, new StringWriter())
                .execute(
                        "export",
                        "--config",
                        config.toString(),
                        "--scale",
                        "runner",
                        "--onnx-hidden",
                        "64",
                        "--onnx-token-divisor",
                        "256",
                        "--onnx-text-tokens",
                        "4",
                        "--out",
                        dir.resolve("out").toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("wrote 10 models");
        assertThat(dir.resolve("out/denoiser2.onnx")).exists();
        assertThat(dir.resolve("out/textEncoder_clipG.onnx")).exists();
    }

    @Test
    void rejectsAnInvalidConfigWithTheSpacesProblems() throws Exception {
        Path config = Files.writeString(dir.resolve("config.json"), "{\"keep\": [true]}");
        var err = new StringWriter();

        int exit = commandLine(new StringWriter(), err)
                .execute(
                        "export",
                        "--config",
                        config.toString(),
                        "--out",
                        dir.resolve("out").toString());

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("invalid mmdit-pruning config").contains("mlpWidth");
    }

    private static picocli.CommandLine commandLine(StringWriter out, StringWriter err) {
        return AgentMain.commandLine(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err));
    }

    private static String oneBlockConfig() {
        var keep = new StringBuilder();
        var widths = new StringBuilder();
        for (int block = 0; block < 24; block++) {
            keep.append(block == 0 ? "" : ",").append(block == 23);
            widths.append(block == 0 ? "" : ",").append("1.0");
        }
        return "{\"keep\": [" + keep + "], \"mlpWidth\": [" + widths + "], \"steps\": [1, 1, 1]}";
    }
}

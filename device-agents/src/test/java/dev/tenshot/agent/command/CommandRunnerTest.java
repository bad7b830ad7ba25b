package dev.tenshot.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.runner.Runner;
import dev.tenshot.agent.runner.RunnerContract;
import dev.tenshot.space.SpaceConfig;
import dev.tenshot.space.Statistic;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest extends RunnerContract {

    @TempDir
    Path dir;

    /** A fake tool: checks it got the config file, logs a line, prints jsonl timings for a small pipeline. */
    @Override
    protected Runner createRunner() throws IOException {
        Path script = script("timings.sh", """
                test -s "$1" || { echo "no config file: $1" >&2; exit 2; }
                echo "measuring $(wc -c < "$1") bytes of config"
                echo '{"runtime": "fake-tool 1.0", "repeats": 5, "warmup": 1}'
                echo '{"stage": "text_encoder", "ms": 12.5}'
                echo '{"stage": "denoiser_call", "ms": 40}'
                echo '{"stage": "denoiser_call", "ms": 41}'
                echo '{"stage": "vae_decoder", "ms": 30.5}'
                """);
        return CommandRunner.of(
                CommandSettings.of(List.of("sh", script.toString(), "{config_file}"), "jsonl", device()));
    }

    @Test
    void measuresTheStagesTheToolPrints() {
        RunOutcome outcome = runner.run(mmditTask(1, 0));

        var measured = measured(outcome);
        assertThat(measured.latency().textEncoderMs()).isEqualTo(12.5);
        assertThat(measured.latency().denoiserCallsMs()).containsExactly(40.0, 41.0);
        assertThat(measured.latency().endToEndMs()).isEqualTo(124.0);
        assertThat(measured.repeatCount()).isEqualTo(5);
        assertThat(measured.warmupCount()).isEqualTo(1);
        assertThat(measured.runtimeVersion()).isEqualTo("fake-tool 1.0");
        assertThat(measured.precision()).isEqualTo("fp32");
        assertThat(measured.contention())
                .as("unknown: the tool says nothing about other processes")
                .isNull();
    }

    @Test
    void recordsTheTemplateParserAndTimeoutWithEachMeasurement() {
        var measured = measured(runner.run(mmditTask(1, 0)));

        var settings = measured.runnerSettings();
        assertThat(settings.get("runner").stringValue()).isEqualTo("command");
        assertThat(settings.get("template").get(2).stringValue()).isEqualTo("{config_file}");
        assertThat(settings.get("parser").stringValue()).isEqualTo("jsonl");
        assertThat(settings.get("timeoutMs").longValue()).isEqualTo(600_000L);
        assertThat(settings.get("repeatsFrom").stringValue()).isEqualTo("tool");
        assertThat(runner.device().simulated()).isFalse();
        assertThat(runner.device().attributes().get("parser").stringValue()).isEqualTo("jsonl");
    }

    @Test
    void failsAnInvalidConfigNamingItsSpace() {
        var task = new MeasurementTask(3, MmditPruningSpace.neodragon().name(), JSON.readTree("{\"blocks\": 7}"));

        RunOutcome outcome = runner.run(task);

        assertThat(failure(outcome)).contains("not a valid mmdit-pruning config");
    }

    @Test
    void failsWithTheExitCodeAndTheLastLinesOfStderr() throws IOException {
        Path script = script("fails.sh", """
                for i in $(seq -w 1 30); do echo "err-$i" >&2; done
                echo "some progress"
                exit 3
                """);

        String reason = failure(runWith(List.of("sh", script.toString())));

        assertThat(reason)
                .contains("exit code 3", "stderr tail", "err-11", "err-30")
                .doesNotContain("err-10");
    }

    @Test
    void killsAToolThatOutlivesItsTimeoutWithEverythingItStarted() {
        var settings = CommandSettings.of(List.of("sh", "-c", "sleep 5; echo late"), "jsonl", device())
                .withTimeout(Duration.ofMillis(500));
        long start = System.nanoTime();

        String reason = failure(CommandRunner.of(settings).run(mmditTask(4, 0)));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(reason).contains("timed out after 500 ms");
        assertThat(took)
                .as("the shell's sleeping child holds stdout open unless it is killed too")
                .isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void fillsPlaceholdersInsideArgumentsWithoutSplittingThem() throws IOException {
        Path argsFile = dir.resolve("args.txt");
        Path script = script("args.sh", """
                for a in "$@"; do printf '%s\\n' "$a"; done > "$ARGS_FILE"
                printf 'env %s\\n' "$TASK_LABEL" >> "$ARGS_FILE"
                echo '{"stage": "end_to_end", "ms": 1}'
                """);
        var settings = CommandSettings.of(
                        List.of(
                                "sh",
                                script.toString(),
                                "--name=task {task_id} of {space}",
                                "{config_hash}",
                                "{config_json}",
                                "{unknown} stays"),
                        "jsonl",
                        device())
                .withEnvironment(Map.of("ARGS_FILE", argsFile.toString(), "TASK_LABEL", "t{task_id}"));
        SpaceConfig config = MmditPruningSpace.neodragon().referenceConfigs().getFirst();

        measured(CommandRunner.of(settings).run(mmditTask(7, 0)));

        assertThat(Files.readAllLines(argsFile))
                .containsExactly(
                        "--name=task 7 of mmdit-pruning",
                        config.contentHash(),
                        JSON.writeValueAsString(config.toJson()),
                        "{unknown} stays",
                        "env t7");
    }

    @Test
    void deletesTheConfigFileAfterTheRunWhetherTheToolSucceedsOrFails() throws IOException {
        Path seen = dir.resolve("seen.txt");
        Path script = script("remembers.sh", """
                test -s "$1" || exit 2
                printf '%s\\n' "$1" >> "$2"
                test "$3" = ok || exit 1
                echo '{"stage": "end_to_end", "ms": 1}'
                """);

        measured(runWith(List.of("sh", script.toString(), "{config_file}", seen.toString(), "ok")));
        failure(runWith(List.of("sh", script.toString(), "{config_file}", seen.toString(), "fail")));

        List<String> configFiles = Files.readAllLines(seen);
        assertThat(configFiles).hasSize(2);
        assertThat(configFiles).allSatisfy(file -> assertThat(Path.of(file)).doesNotExist());
    }

    @Test
    void failsWithTheStdoutTailWhenTheParserCannotReadTheOutput() throws IOException {
        Path script = script("chatty.sh", "echo 'model loaded'\necho 'all good, no numbers'\n");

        String reason = failure(runWith(List.of("sh", script.toString())));

        assertThat(reason).contains("jsonl parser could not read", "no timing line", "all good, no numbers");
    }

    @Test
    void failsWhenTheToolCannotBeStarted() {
        String reason = failure(runWith(List.of(dir.resolve("no-such-tool").toString())));

        assertThat(reason).contains("could not start", "no-such-tool");
    }

    @Test
    void readsAVendorToolsOutputWithItsParser() {
        Path sample = Path.of("src/test/resources/dev/tenshot/agent/command/trtexec-10.3.txt")
                .toAbsolutePath();
        var settings = CommandSettings.of(List.of("cat", sample.toString()), "trtexec", device());

        var measured = measured(CommandRunner.of(settings).run(mmditTask(8, 0)));

        assertThat(measured.latency().endToEndMs()).isEqualTo(41.2731);
        assertThat(measured.repeatCount()).isEqualTo(200);
        assertThat(measured.runtimeVersion()).isEqualTo("tensorrt 10.3.0");
        assertThat(measured.runnerSettings()
                        .get("reported")
                        .get("latency_p99_ms")
                        .doubleValue())
                .isEqualTo(42.612);
    }

    @Test
    void takesCountsAndRuntimeFromTheSettingsWhenTheToolDoesNotPrintThem() {
        Path sample = Path.of("src/test/resources/dev/tenshot/agent/command/qnn-profile-viewer-basic.txt")
                .toAbsolutePath();
        var settings = CommandSettings.of(
                        List.of("sh", "-c", "grep -v '^qnn-' \"$0\"", sample.toString()), "qnn", device())
                .withDeclaredCounts(2, 50);

        var measured = measured(CommandRunner.of(settings).run(mmditTask(9, 0)));

        assertThat(measured.statistic()).isEqualTo(Statistic.MEAN);
        assertThat(measured.warmupCount()).isEqualTo(2);
        assertThat(measured.repeatCount()).isEqualTo(50);
        assertThat(measured.runnerSettings().get("repeatsFrom").stringValue()).isEqualTo("settings");
        assertThat(measured.runtimeVersion()).as("the device's runtime setting").isEqualTo("sh");
        assertThat(measured.runnerSettings().get("runtimeVersionFrom").stringValue())
                .isEqualTo("settings");
    }

    private RunOutcome runWith(List<String> template) {
        return CommandRunner.of(CommandSettings.of(template, "jsonl", device())).run(mmditTask(5, 0));
    }

    private Path script(String name, String body) throws IOException {
        return Files.writeString(dir.resolve(name), body);
    }

    private static CommandSettings.Device device() {
        return TestData.device();
    }

    private static RunOutcome.Measured measured(RunOutcome outcome) {
        assertThat(outcome).isInstanceOf(RunOutcome.Measured.class);
        return (RunOutcome.Measured) outcome;
    }

    private static String failure(RunOutcome outcome) {
        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        return ((RunOutcome.Failed) outcome).reason();
    }
}

package dev.tenshot.agent;

import dev.tenshot.agent.onnx.OnnxSettings;
import dev.tenshot.agent.onnx.PipelineExport;
import dev.tenshot.agent.onnx.WorkloadScale;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tenshot-agent export --config FILE --scale runner|full --out DIR}: writes a config's pipeline as ONNX models
 * with synthetic weights for vendor toolchains, with a manifest.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Writes a config's pruned pipeline (every denoiser pyramid stage and the fixed stages) as ONNX"
                + " models with synthetic weights, and manifest.json, for qnn-onnx-converter, trtexec, ONNX Runtime"
                + " or Qualcomm AI Hub.")
final class ExportCommand implements Callable<Integer> {

    enum Scale {
        RUNNER,
        FULL
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The mmdit-pruning config, as JSON")
    Path config;

    @Option(
            names = "--scale",
            defaultValue = "runner",
            description = "runner (the onnx runner's workload scale) or full (the real model; weights over 2 GB go to"
                    + " external data)")
    Scale scale;

    @Option(names = "--out", required = true, description = "Directory to write into (created if missing)")
    Path out;

    @Option(names = "--onnx-hidden", description = "runner scale: hidden size (multiple of 64)")
    Integer hidden;

    @Option(names = "--onnx-token-divisor", description = "runner scale: divide each stage's image tokens by this")
    Integer tokenDivisor;

    @Option(names = "--onnx-text-tokens", description = "runner scale: text tokens")
    Integer textTokens;

    @Option(names = "--seed", description = "Seeds the synthetic weights")
    long seed = OnnxSettings.DEFAULT_SEED;

    @Override
    public Integer call() throws Exception {
        var space = MmditPruningSpace.neodragon();
        if (!Files.isReadable(config)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --config " + config);
        }
        MmditConfig parsed;
        try {
            switch (space.check(JsonMapper.builder().build().readTree(Files.readString(config)))) {
                case ConfigCheck.Invalid invalid ->
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            "invalid " + space.name() + " config in " + config + ": "
                                    + String.join("; ", invalid.problems()));
                case ConfigCheck.Valid valid -> parsed = space.cast(valid.config());
            }
        } catch (JacksonException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--config " + config + " is not JSON: " + e.getOriginalMessage());
        }
        WorkloadScale workload =
                scale == Scale.FULL ? WorkloadScale.fullOf(space.base().denoiser()) : runnerScale();
        PrintWriter printer = spec.commandLine().getOut();
        var written = PipelineExport.write(parsed, space.base(), workload, seed, out);
        printer.printf("%-42s %-20s %5s %14s %12s %12s%n", "file", "stage", "runs", "parameters", "gflops/run", "MB");
        for (var file : written) {
            printer.printf(
                    "%-42s %-20s %5d %14d %12.3f %12.1f%n",
                    file.model().getFileName(),
                    file.stage(),
                    file.runs(),
                    file.parameters(),
                    file.flops() / 1e9,
                    file.bytes() / 1e6);
        }
        printer.printf("wrote %d models and manifest.json to %s%n", written.size(), out);
        printer.flush();
        return 0;
    }

    private WorkloadScale runnerScale() {
        WorkloadScale defaults = WorkloadScale.defaults();
        return new WorkloadScale(
                hidden == null ? defaults.hidden() : hidden,
                tokenDivisor == null ? defaults.imageTokenDivisor() : tokenDivisor,
                textTokens == null ? defaults.textTokens() : textTokens);
    }
}

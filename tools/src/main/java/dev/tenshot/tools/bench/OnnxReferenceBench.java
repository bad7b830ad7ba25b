package dev.tenshot.tools.bench;

import dev.tenshot.agent.onnx.OnnxRunner;
import dev.tenshot.agent.onnx.OnnxSettings;
import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.space.SpaceConfig;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import dev.tenshot.space.mmdit.Precision;
import dev.tenshot.space.statistics.SampleStatistics;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What one onnx measurement costs at the default workload scale, and how the measured latency of the MMDiT
 * space's ten reference configs compares with their analytic denoiser FLOPs (full-scale model, per generation). Runs the real OnnxRunner on this
 * machine's CPU. Last line: onnx_reference measure_s_min=.. measure_s_max=.. measure_s_total=..
 * spearman_vs_flops=.. ms_per_gflop_min=.. ms_per_gflop_max=.. (the denoiser's share), then the full model's
 * per-stage table and a last line: pipeline stages=.. e2e_ms=.. peak_mb=..
 */
public class OnnxReferenceBench {

    public static void main(String[] args) {
        var space = MmditPruningSpace.neodragon();
        List<SpaceConfig> reference = space.referenceConfigs();
        boolean pipelineOnly = Arrays.asList(args).contains("--pipeline-only");
        var settings = OnnxSettings.defaults();
        if (pipelineOnly) {
            // one attempt, no waiting for quiet: for a busy machine; the report says whether it was contended
            settings = settings.withContention(
                    settings.contention().withMaxAttempts(1).withMaxWait(java.time.Duration.ZERO, null));
        }
        System.out.printf(
                "onnx runner, default scale %s, %d warm-up + %d timed calls per stage, %d threads%n",
                settings.scale().label(), settings.warmup(), settings.repeats(), settings.threads());
        System.out.printf(
                "%-4s %-6s %-11s %8s %10s %14s %12s%n",
                "ref", "blocks", "steps", "wall_s", "denoise_ms", "full_flops", "ms/GFLOP");
        double[] measured = new double[reference.size()];
        double[] flopsFull = new double[reference.size()];
        double[] wall = new double[reference.size()];
        double[] msPerGflop = new double[reference.size()];
        try (var runner = OnnxRunner.create(settings)) {
            for (int i = 0; i < (pipelineOnly ? 0 : reference.size()); i++) {
                var config = space.cast(reference.get(i));
                long start = System.nanoTime();
                RunOutcome outcome = runner.run(new MeasurementTask(i, space.name(), config.toJson()));
                wall[i] = (System.nanoTime() - start) / 1e9;
                if (!(outcome instanceof RunOutcome.Measured m)) {
                    throw new IllegalStateException("reference " + i + " failed: " + outcome);
                }
                // the denoiser's share: the fixed stages add the same amount to every config
                measured[i] = Objects.requireNonNull(m.latency().denoiserCallsMs()).stream()
                        .mapToDouble(Double::doubleValue)
                        .sum();
                flopsFull[i] = space.costs().pipeline(config, Precision.FP32).denoiserFlops();
                msPerGflop[i] = measured[i] / (flopsFull[i] / 1e9);
                System.out.printf(
                        "%-4d %-6d %-11s %8.2f %10.1f %14.3e %12.6f%n",
                        i, config.keptBlocks(), config.steps(), wall[i], measured[i], flopsFull[i], msPerGflop[i]);
            }
        }
        double rho = pipelineOnly ? Double.NaN : SampleStatistics.spearman(measured, flopsFull);
        RunOutcome.Measured full;
        try (var runner = OnnxRunner.create(settings)) {
            var config = MmditConfig.full(space.base());
            if (!(runner.run(new MeasurementTask(99, space.name(), config.toJson()))
                    instanceof RunOutcome.Measured m)) {
                throw new IllegalStateException("the full model failed");
            }
            full = m;
        }
        System.out.println(
                "full model (24 blocks, steps " + space.base().pyramid().defaultSteps() + ", CFG "
                        + space.base().pyramid().classifierFreeGuidance() + ") per stage, at the runner's scale:");
        System.out.printf(
                "%-20s %-13s %5s %11s %10s %9s %9s %-10s%n",
                "stage", "network", "runs", "ms_per_run", "ms", "peak_mb", "growth_mb", "shape");
        var pipeline = full.runnerSettings().get("pipeline");
        for (var entry : pipeline) {
            System.out.printf(
                    "%-20s %-13s %5d %11.2f %10.1f %9s %9s %-10s%n",
                    entry.get("stage").asString(),
                    entry.get("network").asString(),
                    entry.get("runs").asInt(),
                    entry.get("msPerRun").asDouble(),
                    entry.get("ms").asDouble(),
                    megabytes(entry.get("peakRssBytes")),
                    megabytes(entry.get("rssGrowthBytes")),
                    entry.get("shape").asString());
        }
        var latency = full.latency();
        System.out.printf(
                "stage_ms text_encoder=%.1f denoiser=%.1f vae_decoder=%.1f super_resolution=%.1f%n",
                latency.textEncoderMs(),
                Objects.requireNonNull(latency.denoiserCallsMs()).stream()
                        .mapToDouble(Double::doubleValue)
                        .sum(),
                latency.vaeDecoderMs(),
                latency.superResolutionMs());
        if (!pipelineOnly)
            System.out.printf(
                    "onnx_reference measure_s_min=%.2f measure_s_max=%.2f measure_s_total=%.1f"
                            + " spearman_vs_flops=%.3f ms_per_gflop_min=%.5f ms_per_gflop_max=%.5f%n",
                    Arrays.stream(wall).min().orElseThrow(),
                    Arrays.stream(wall).max().orElseThrow(),
                    Arrays.stream(wall).sum(),
                    rho,
                    Arrays.stream(msPerGflop).min().orElseThrow(),
                    Arrays.stream(msPerGflop).max().orElseThrow());
        var contention = full.contention();
        System.out.println(
                "contended=" + (contention == null ? "unknown" : contention.contended()) + " fixed_stages_contended="
                        + full.runnerSettings().path("fixedStagesContended").asString("unknown"));
        Long peak = full.peakMemoryBytes();
        System.out.printf(
                "pipeline stages=%d e2e_ms=%.1f peak_mb=%s%n",
                pipeline.size(),
                latency.endToEndMs(),
                peak == null ? "unknown" : String.format("%.0f", peak / (double) (1 << 20)));
    }

    /** Bytes as whole megabytes, or n/a where the runner could not read them (no /proc). */
    private static String megabytes(tools.jackson.databind.JsonNode bytes) {
        return bytes == null || bytes.isNull() ? "n/a" : String.format("%.0f", bytes.asDouble() / (1 << 20));
    }
}

package dev.tenshot.tools.bench;

import dev.tenshot.agent.onnx.OnnxRunner;
import dev.tenshot.agent.onnx.OnnxSettings;
import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.space.SpaceConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import dev.tenshot.space.mmdit.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one onnx measurement costs at the default workload scale, and how the measured latency of the MMDiT
 * space's ten reference configs compares with their analytic denoiser FLOPs (full-scale model, per generation). Runs the real OnnxRunner on this
 * machine's CPU. Last line: onnx_reference measure_s_min=.. measure_s_max=.. measure_s_total=..
 * spearman_vs_flops=.. ms_per_gflop_min=.. ms_per_gflop_max=..
 */
public class OnnxReferenceBench {

    public static void main(String[] args) {
        var space = MmditPruningSpace.neodragon();
        List<SpaceConfig> reference = space.referenceConfigs();
        var settings = OnnxSettings.defaults();
        System.out.printf("onnx runner, default scale %s, %d warm-up + %d timed calls per stage, %d threads%n",
                settings.scale().label(), settings.warmup(), settings.repeats(), settings.threads());
        System.out.printf("%-4s %-6s %-11s %8s %10s %14s %12s%n",
                "ref", "blocks", "steps", "wall_s", "e2e_ms", "full_flops", "ms/GFLOP");
        double[] measured = new double[reference.size()];
        double[] flopsFull = new double[reference.size()];
        double[] wall = new double[reference.size()];
        double[] msPerGflop = new double[reference.size()];
        try (var runner = OnnxRunner.create(settings)) {
            for (int i = 0; i < reference.size(); i++) {
                var config = space.cast(reference.get(i));
                long start = System.nanoTime();
                RunOutcome outcome = runner.run(new MeasurementTask(i, space.name(), config.toJson()));
                wall[i] = (System.nanoTime() - start) / 1e9;
                if (!(outcome instanceof RunOutcome.Measured m)) {
                    throw new IllegalStateException("reference " + i + " failed: " + outcome);
                }
                measured[i] = m.latency().endToEndMs();
                flopsFull[i] = space.costs().pipeline(config, Precision.FP32).denoiserFlops();
                msPerGflop[i] = measured[i] / (flopsFull[i] / 1e9);
                System.out.printf("%-4d %-6d %-11s %8.2f %10.1f %14.3e %12.6f%n",
                        i, config.keptBlocks(), config.steps(), wall[i], measured[i], flopsFull[i], msPerGflop[i]);
            }
        }
        double rho = spearman(measured, flopsFull);
        System.out.printf("onnx_reference measure_s_min=%.2f measure_s_max=%.2f measure_s_total=%.1f"
                        + " spearman_vs_flops=%.3f ms_per_gflop_min=%.5f ms_per_gflop_max=%.5f%n",
                Arrays.stream(wall).min().orElseThrow(), Arrays.stream(wall).max().orElseThrow(),
                Arrays.stream(wall).sum(), rho, Arrays.stream(msPerGflop).min().orElseThrow(),
                Arrays.stream(msPerGflop).max().orElseThrow());
    }

    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double n = a.length;
        double d2 = 0;
        for (int i = 0; i < a.length; i++) {
            d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
        }
        return 1 - 6 * d2 / (n * (n * n - 1));
    }

    static double[] ranks(double[] values) {
        var order = new ArrayList<Integer>();
        for (int i = 0; i < values.length; i++) {
            order.add(i);
        }
        order.sort((x, y) -> Double.compare(values[x], values[y]));
        double[] ranks = new double[values.length];
        for (int r = 0; r < order.size(); r++) {
            ranks[order.get(r)] = r;
        }
        return ranks;
    }
}

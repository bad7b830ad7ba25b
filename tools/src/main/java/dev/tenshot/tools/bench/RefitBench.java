package dev.tenshot.tools.bench;

import dev.tenshot.predictor.LatencyDataset;
import dev.tenshot.predictor.MetaModel;
import dev.tenshot.predictor.PredictorSettings;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.SpaceConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long a device's refit takes as its measurements grow: a meta-model trained on the MMDiT dataset's source
 * devices is adapted to one of its meta_valid devices (simulated) with n = 10 (its references), 1,000 and 10,000
 * measurements (the dataset's configs drawn with replacement, each latency with 5% log-normal noise: repeated
 * measurements). A refit is what the service does: features from the configs, then the adaptation (posterior,
 * every part, closed-form leave-one-out, intervals). Median of 5 runs after 2 warm-ups.
 * Last line: refit refit_ms_10=<x> refit_ms_1000=<x> refit_ms_10000=<x>
 */
public class RefitBench {

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args.length > 0 ? args[0] : "datasets/mmdit");
        var space = MmditPruningSpace.neodragon();
        var data = LatencyDataset.read(dataset);
        var model = MetaModel.train(
                data.trainingSet(data.devicesIn(LatencyDataset.META_TRAIN)),
                PredictorSettings.defaults(),
                space.name(),
                Instant.now());
        String target = data.devicesIn(LatencyDataset.META_VALID).getFirst();
        double[] byRow = data.latencyByRow(target);
        var json = JsonMapper.builder().build();
        List<SpaceConfig> configs = new ArrayList<>();
        for (String arch : data.archStrings()) {
            configs.add(((ConfigCheck.Valid) space.check(json.readTree(arch))).config());
        }
        List<SpaceConfig> references = space.referenceConfigs();
        double[][] referenceFeatures = references.stream().map(space::features).toArray(double[][]::new);
        double[] referenceMs =
                Arrays.stream(data.referenceRows()).mapToDouble(r -> byRow[r]).toArray();
        System.out.printf(
                "meta-model on %d simulated source devices; target %s (simulated)%n",
                data.devicesIn(LatencyDataset.META_TRAIN).size(), target);
        var line = new StringBuilder("refit");
        for (int n : new int[] {10, 1_000, 10_000}) {
            var random = new SplittableRandom(n);
            List<SpaceConfig> measured = new ArrayList<>(references);
            List<Double> latency = new ArrayList<>();
            for (double ms : referenceMs) {
                latency.add(ms);
            }
            while (measured.size() < n) {
                int row = random.nextInt(configs.size());
                if (Double.isNaN(byRow[row])) {
                    continue;
                }
                measured.add(configs.get(row));
                latency.add(byRow[row] * Math.exp(0.05 * random.nextGaussian()));
            }
            double[] ms = latency.stream().mapToDouble(Double::doubleValue).toArray();
            double[] times = new double[7];
            for (int run = 0; run < times.length; run++) {
                long start = System.nanoTime();
                double[][] features = measured.stream().map(space::features).toArray(double[][]::new);
                var predictor = model.adapt(referenceFeatures, referenceMs, features, ms);
                times[run] = (System.nanoTime() - start) / 1e6;
                if (predictor.heldOut().samples().length != Math.min(n, 1000)) {
                    throw new IllegalStateException("held-out predictions for every sample, or 1,000 of them");
                }
            }
            double[] timed = Arrays.copyOfRange(times, 2, times.length);
            Arrays.sort(timed);
            double median = timed[timed.length / 2];
            System.out.printf(
                    Locale.ROOT,
                    "n=%d: refit %.1f ms (median of 5; min %.1f, max %.1f)%n",
                    n,
                    median,
                    timed[0],
                    timed[timed.length - 1]);
            line.append(String.format(Locale.ROOT, " refit_ms_%d=%.1f", n, median));
        }
        System.out.println(line);
    }
}

package dev.tenshot.tools.bench;

import dev.tenshot.predictor.DevicePredictor;
import dev.tenshot.predictor.LatencyDataset;
import dev.tenshot.predictor.MetaModel;
import dev.tenshot.predictor.PredictorSettings;
import dev.tenshot.space.SpaceConfig;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Batched prediction speed for the MMDiT space, feature building included: a meta-model trained on the MMDiT
 * dataset's source devices, adapted to one of its validation devices, scores N random configs in batches of 10,000
 * on T threads. Last line: predict configs_per_s=<n> features_per_s=<n> model_per_s=<n> configs=<n> threads=<n>
 */
public class PredictBench {

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args.length > 0 ? args[0] : "datasets/mmdit");
        int configs = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int threads = args.length > 2
                ? Integer.parseInt(args[2])
                : Runtime.getRuntime().availableProcessors();
        int batch = 10_000;
        var space = MmditPruningSpace.neodragon();
        var data = LatencyDataset.read(dataset);
        var model = MetaModel.train(
                data.trainingSet(data.devicesIn(LatencyDataset.META_TRAIN)),
                PredictorSettings.defaults(),
                space.name(),
                Instant.now());
        String target = data.devicesIn(LatencyDataset.META_VALID).getFirst();
        double[] byRow = data.latencyByRow(target);
        double[] reference =
                Arrays.stream(data.referenceRows()).mapToDouble(r -> byRow[r]).toArray();
        double[][] referenceFeatures = Arrays.stream(data.referenceRows())
                .mapToObj(r -> data.features()[r])
                .toArray(double[][]::new);
        DevicePredictor predictor = model.adapt(referenceFeatures, reference, referenceFeatures, reference);
        System.out.println("parts on " + target + ": " + predictor.parts());

        var random = new SplittableRandom(42);
        List<MmditConfig> all = new ArrayList<>(configs);
        for (int i = 0; i < configs; i++) {
            all.add(space.sample(random));
        }
        run(space, predictor, all.subList(0, Math.min(configs, 100_000)), batch, threads); // warm-up
        long featureNanos = time(() -> {
            for (int from = 0; from < configs; from += batch) {
                features(space, all.subList(from, Math.min(configs, from + batch)));
            }
        });
        double[][] features = features(space, all.subList(0, batch));
        long modelNanos = time(() -> {
            for (int from = 0; from < configs; from += batch) {
                predictor.predictLatencies(features);
            }
        });
        long start = System.nanoTime();
        double checksum = run(space, predictor, all, batch, threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%d configs in %.3f s on %d threads (checksum %.3e); one thread: features %.3f s, model %.3f s%n",
                configs, seconds, threads, checksum, featureNanos / 1e9, modelNanos / 1e9);
        System.out.printf(
                "predict configs_per_s=%.0f features_per_s=%.0f model_per_s=%.0f configs=%d threads=%d%n",
                configs / seconds, configs / (featureNanos / 1e9), configs / (modelNanos / 1e9), configs, threads);
    }

    static double run(MmditPruningSpace space, DevicePredictor predictor, List<MmditConfig> all, int batch, int threads)
            throws Exception {
        try (var pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Double>> parts = new ArrayList<>();
            for (int from = 0; from < all.size(); from += batch) {
                List<MmditConfig> slice = all.subList(from, Math.min(all.size(), from + batch));
                parts.add(pool.submit(() -> Arrays.stream(predictor.predictLatencies(features(space, slice)))
                        .sum()));
            }
            double sum = 0;
            for (Future<Double> part : parts) {
                sum += part.get();
            }
            return sum;
        }
    }

    static double[][] features(MmditPruningSpace space, List<? extends SpaceConfig> configs) {
        double[][] out = new double[configs.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = space.features(configs.get(i));
        }
        return out;
    }

    static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }
}

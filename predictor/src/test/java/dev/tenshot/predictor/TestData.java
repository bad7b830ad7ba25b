package dev.tenshot.predictor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic devices over a small space: 6 binary choices; each device's latency is an overhead plus a cost per
 * chosen option, device by device different, plus one interaction and measurement noise.
 */
final class TestData {

    static final int CONFIGS = 64;
    static final int[] REFERENCE = {0, 7, 12, 21, 30, 37, 44, 51, 58, 63};

    private TestData() {}

    static double[][] features() {
        double[][] features = new double[CONFIGS][6];
        for (int c = 0; c < CONFIGS; c++) {
            for (int bit = 0; bit < 6; bit++) {
                features[c][bit] = (c >> bit) & 1;
            }
        }
        return features;
    }

    static List<String> featureNames() {
        return List.of("a", "b", "c", "d", "e", "f");
    }

    /** One device: costs drawn around a common profile, so devices are alike but not the same. */
    static double[] device(long seed) {
        var random = new SplittableRandom(seed);
        double[] cost = new double[6];
        for (int j = 0; j < 6; j++) {
            cost[j] = (1 + j) * (0.5 + random.nextDouble());
        }
        double overhead = 2 + 3 * random.nextDouble();
        double speed = Math.exp(random.nextGaussian());
        double[] latency = new double[CONFIGS];
        double[][] features = features();
        for (int c = 0; c < CONFIGS; c++) {
            double sum = overhead + 0.5 * features[c][0] * features[c][5];
            for (int j = 0; j < 6; j++) {
                sum += cost[j] * features[c][j];
            }
            latency[c] = speed * sum * (1 + 0.01 * random.nextGaussian());
        }
        return latency;
    }

    static TrainingSet trainingSet(int devices) {
        List<SourceDevice> sources = new ArrayList<>();
        int[] all = new int[CONFIGS];
        for (int c = 0; c < CONFIGS; c++) {
            all[c] = c;
        }
        for (int d = 0; d < devices; d++) {
            sources.add(new SourceDevice("source-" + d, all, device(100 + d)));
        }
        return new TrainingSet(featureNames(), features(), REFERENCE, sources);
    }

    static double[] at(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    static double[][] rows(double[][] matrix, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = matrix[rows[i]];
        }
        return out;
    }
}

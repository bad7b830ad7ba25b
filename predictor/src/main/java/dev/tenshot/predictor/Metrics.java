package dev.tenshot.predictor;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * How predictions are scored, as HELP and nn-Meter report them: rank correlation (Spearman's rho with average ranks
 * for ties, Kendall's tau-b), mean absolute percentage error, and the share within +-10% of the measurement.
 */
public final class Metrics {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private Metrics() {}

    public static double spearman(double[] measured, double[] predicted) {
        return pearson(ranks(measured), ranks(predicted));
    }

    /** Kendall's tau-b, which corrects for ties (latencies recorded at 1 ms resolution have many). */
    public static double kendall(double[] measured, double[] predicted) {
        long concordant = 0;
        long discordant = 0;
        long tiesMeasured = 0;
        long tiesPredicted = 0;
        for (int i = 0; i < measured.length; i++) {
            for (int j = i + 1; j < measured.length; j++) {
                int a = Double.compare(measured[i], measured[j]);
                int b = Double.compare(predicted[i], predicted[j]);
                if (a == 0 && b == 0) {
                    continue;
                } else if (a == 0) {
                    tiesMeasured++;
                } else if (b == 0) {
                    tiesPredicted++;
                } else if (a == b) {
                    concordant++;
                } else {
                    discordant++;
                }
            }
        }
        double denominator = Math.sqrt(
                (double) (concordant + discordant + tiesMeasured) * (concordant + discordant + tiesPredicted));
        return denominator == 0 ? 0 : (concordant - discordant) / denominator;
    }

    /** Mean absolute percentage error, in percent. */
    public static double mape(double[] measured, double[] predicted) {
        double sum = 0;
        for (int i = 0; i < measured.length; i++) {
            sum += Math.abs(predicted[i] - measured[i]) / measured[i];
        }
        return 100 * sum / measured.length;
    }

    /** Share of predictions within +-10% of the measurement, in percent. */
    public static double within10(double[] measured, double[] predicted) {
        long inside = IntStream.range(0, measured.length)
                .filter(i -> Math.abs(predicted[i] - measured[i]) <= 0.1 * measured[i])
                .count();
        return 100.0 * inside / measured.length;
    }

    /** Share of measurements inside their predicted interval, in percent. */
    public static double coverage(double[] measured, double[] lower, double[] upper) {
        long inside = IntStream.range(0, measured.length)
                .filter(i -> measured[i] >= lower[i] && measured[i] <= upper[i])
                .count();
        return 100.0 * inside / measured.length;
    }

    /** The {@code level}-quantile, interpolating linearly between order statistics (R's type 7, NumPy's default). */
    public static double quantile(double[] values, double level) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = level * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    /** The standard normal's quantile at {@code p} in (0, 1). */
    public static double normalQuantile(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    static double[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double average = (i + j) / 2.0;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = average;
            }
            i = j + 1;
        }
        return ranks;
    }

    private static double pearson(double[] a, double[] b) {
        double meanA = Arrays.stream(a).average().orElse(0);
        double meanB = Arrays.stream(b).average().orElse(0);
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (a[i] - meanA) * (b[i] - meanB);
            varA += (a[i] - meanA) * (a[i] - meanA);
            varB += (b[i] - meanB) * (b[i] - meanB);
        }
        return varA == 0 || varB == 0 ? 0 : cov / Math.sqrt(varA * varB);
    }
}

package dev.tenshot.predictor;

import dev.tenshot.space.statistics.SampleStatistics;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * How predictions are scored, as HELP and nn-Meter report them: rank correlation (Spearman's rho with average ranks
 * for ties, Kendall's tau-b), mean absolute percentage error, and the share within +-10% of the measurement.
 */
public final class Metrics {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private Metrics() {}

    /** Spearman's rho with average ranks for ties, 0 if a side is constant: {@link SampleStatistics#spearman}. */
    public static double spearman(double[] measured, double[] predicted) {
        return SampleStatistics.spearman(measured, predicted);
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

    /** The {@code level}-quantile, Hyndman and Fan's type 7: {@link SampleStatistics#quantile}. */
    public static double quantile(double[] values, double level) {
        return SampleStatistics.quantile(values, level);
    }

    /** The standard normal's quantile at {@code p} in (0, 1). */
    public static double normalQuantile(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }
}

package dev.tenshot.space.statistics;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The one definition of ranks, Spearman's rho and quantiles in the codebase. Ranks come from Commons Math; the
 * quantile is written out because Commons Math's {@code Percentile} rejects the 0-quantile, which callers ask for.
 */
public final class SampleStatistics {

    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.MAXIMAL, TiesStrategy.AVERAGE);

    private SampleStatistics() {}

    /**
     * Ranks from 1, tied values sharing the average of the ranks they span (latencies recorded at 1 ms resolution
     * tie often). A NaN ranks above every number (a failed prediction must not fail the fit that scores it).
     */
    public static double[] ranks(double[] values) {
        return RANKING.rank(values);
    }

    /**
     * Spearman's rho: the Pearson correlation of the {@link #ranks average ranks}, so ties are corrected for. 0 when
     * either side is constant (no ranking to agree with), where Commons Math's {@code SpearmansCorrelation} gives NaN.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("spearman of " + a.length + " against " + b.length + " values");
        }
        return pearson(ranks(a), ranks(b));
    }

    /**
     * The {@code p}-quantile by linear interpolation between order statistics: Hyndman and Fan's type 7, the default
     * of R and NumPy ({@code Percentile.EstimationType.R_7} in Commons Math).
     *
     * @param p in [0, 1]
     * @throws IllegalArgumentException for an empty sample or {@code p} outside [0, 1]
     */
    public static double quantile(double[] sample, double p) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("no quantile of an empty sample");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1]: " + p);
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** The type-7 {@link #quantile} at 0.5. */
    public static double median(double[] sample) {
        return quantile(sample, 0.5);
    }

    public static double median(List<Double> sample) {
        return median(toArray(sample));
    }

    /** Third quartile minus first quartile, both type-7 {@link #quantile quantiles}. */
    public static double interquartileRange(double[] sample) {
        return quantile(sample, 0.75) - quantile(sample, 0.25);
    }

    public static double interquartileRange(List<Double> sample) {
        return interquartileRange(toArray(sample));
    }

    private static double[] toArray(List<Double> sample) {
        return sample.stream().mapToDouble(Double::doubleValue).toArray();
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

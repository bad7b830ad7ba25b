package dev.tenshot.agent.runner;

import java.util.Arrays;

/** Order statistics of a sample, by linear interpolation between closest ranks (R's type 7, NumPy's default). */
public final class Quantiles {

    private Quantiles() {}

    public static double median(double[] sample) {
        return quantile(sample, 0.5);
    }

    public static double median(java.util.List<Double> sample) {
        return median(toArray(sample));
    }

    public static double interquartileRange(java.util.List<Double> sample) {
        return interquartileRange(toArray(sample));
    }

    /** Third quartile minus first quartile. */
    public static double interquartileRange(double[] sample) {
        return quantile(sample, 0.75) - quantile(sample, 0.25);
    }

    /**
     * @param p in [0, 1]
     * @throws IllegalArgumentException for an empty sample
     */
    public static double quantile(double[] sample, double p) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("no quantile of an empty sample");
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double[] toArray(java.util.List<Double> sample) {
        return sample.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

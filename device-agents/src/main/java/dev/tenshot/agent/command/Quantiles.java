package dev.tenshot.agent.command;

import java.util.Arrays;
import java.util.List;

/** Median and interquartile range of a sample, with linear interpolation between order statistics. */
final class Quantiles {

    private Quantiles() {}

    static double median(List<Double> values) {
        return quantile(values, 0.5);
    }

    static double interquartileRange(List<Double> values) {
        return quantile(values, 0.75) - quantile(values, 0.25);
    }

    /** The q-quantile (0..1) by the method most tools use (R type 7, numpy's default). */
    static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to take a quantile of");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

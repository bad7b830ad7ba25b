package dev.tenshot.agent.runner;

import dev.tenshot.space.statistics.SampleStatistics;
import java.util.List;

/** The agents' order statistics: type-7 quantiles (R's and NumPy's default) from {@link SampleStatistics}. */
public final class Quantiles {

    private Quantiles() {}

    public static double median(double[] sample) {
        return SampleStatistics.median(sample);
    }

    public static double median(List<Double> sample) {
        return SampleStatistics.median(sample);
    }

    public static double interquartileRange(List<Double> sample) {
        return SampleStatistics.interquartileRange(sample);
    }

    /** Third quartile minus first quartile. */
    public static double interquartileRange(double[] sample) {
        return SampleStatistics.interquartileRange(sample);
    }
}

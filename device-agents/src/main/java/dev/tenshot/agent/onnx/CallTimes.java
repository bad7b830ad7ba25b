package dev.tenshot.agent.onnx;

import java.util.Arrays;

/** Wall times of the timed calls of one pyramid stage, in milliseconds. */
final class CallTimes {

    private final double[] sortedMillis;

    CallTimes(double[] millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("no timed calls");
        }
        this.sortedMillis = millis.clone();
        Arrays.sort(sortedMillis);
    }

    double median() {
        return quantile(0.5);
    }

    double interquartileRange() {
        return quantile(0.75) - quantile(0.25);
    }

    /** The q-quantile (0..1), interpolating linearly between order statistics (R type 7, numpy's default). */
    double quantile(double q) {
        double position = q * (sortedMillis.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sortedMillis.length - 1);
        return sortedMillis[below] + (position - below) * (sortedMillis[above] - sortedMillis[below]);
    }
}

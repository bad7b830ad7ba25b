package dev.tenshot.agent.onnx;

import dev.tenshot.agent.runner.Quantiles;

/** Wall times of the timed calls of one pyramid stage, in milliseconds. */
final class CallTimes {

    private final double[] millis;

    CallTimes(double[] millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("no timed calls");
        }
        this.millis = millis.clone();
    }

    double[] millis() {
        return millis.clone();
    }

    double median() {
        return Quantiles.median(millis);
    }

    double interquartileRange() {
        return Quantiles.interquartileRange(millis);
    }
}

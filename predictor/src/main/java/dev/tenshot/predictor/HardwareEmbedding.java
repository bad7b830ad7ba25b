package dev.tenshot.predictor;

import java.util.Arrays;

/**
 * A device's latencies on its space's reference configs, divided by their mean: the shape says how the device
 * trades one kind of config against another, the scale (the mean, in ms) how fast it is overall. Dividing by the
 * mean rather than min-max scaling (HELP's choice) keeps every value positive and makes a prediction in this unit
 * map back to milliseconds by one multiplication, so a device faster or slower than every source device is no
 * extrapolation for the model.
 *
 * @param shape reference latencies / scaleMs, mean 1
 * @param scaleMs the mean reference latency
 */
public record HardwareEmbedding(double[] shape, double scaleMs) {

    public HardwareEmbedding {
        shape = shape.clone();
    }

    /**
     * @throws IllegalArgumentException if a latency is not finite and positive
     */
    public static HardwareEmbedding of(double[] referenceLatencyMs) {
        double sum = 0;
        for (double latency : referenceLatencyMs) {
            if (!(latency > 0) || !Double.isFinite(latency)) {
                throw new IllegalArgumentException(
                        "reference latencies must be finite and > 0: " + Arrays.toString(referenceLatencyMs));
            }
            sum += latency;
        }
        double scale = sum / referenceLatencyMs.length;
        return new HardwareEmbedding(
                Arrays.stream(referenceLatencyMs).map(l -> l / scale).toArray(), scale);
    }

    /** Euclidean distance between two shapes; how differently two devices rank the reference configs. */
    public double distanceTo(HardwareEmbedding other) {
        double sum = 0;
        for (int i = 0; i < shape.length; i++) {
            double d = Math.log(shape[i]) - Math.log(other.shape[i]);
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}

package dev.tenshot.predictor;

/**
 * A device the meta-model learns from: its measured latencies on some rows of the training set's feature matrix,
 * the reference rows among them.
 *
 * @param rows row indices into {@link TrainingSet#features()}
 * @param latencyMs measured latency of each of those rows, > 0
 */
public record SourceDevice(String name, int[] rows, double[] latencyMs) {

    public SourceDevice {
        if (rows.length != latencyMs.length) {
            throw new IllegalArgumentException(name + ": rows and latencies differ in length");
        }
        for (double latency : latencyMs) {
            if (!(latency > 0) || !Double.isFinite(latency)) {
                throw new IllegalArgumentException(name + ": latencies must be finite and > 0: " + latency);
            }
        }
        rows = rows.clone();
        latencyMs = latencyMs.clone();
    }
}

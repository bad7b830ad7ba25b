package dev.tenshot.predictor;

/**
 * Predictions for a batch, as parallel arrays (a search scores hundreds of thousands at once; no object per
 * config).
 */
public record Predictions(double[] latencyMs, double[] lowerMs, double[] upperMs) {

    public int size() {
        return latencyMs.length;
    }

    public Prediction get(int i) {
        return new Prediction(latencyMs[i], lowerMs[i], upperMs[i]);
    }
}

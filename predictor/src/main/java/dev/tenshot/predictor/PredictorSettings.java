package dev.tenshot.predictor;

/**
 * Knobs of the meta-model; {@link #defaults()} are the values chosen on NAS-Bench-201's {@code meta_valid} devices.
 *
 * @param noiseVariance variance of a measurement around the linear model, in the device's normalised unit (squared
 *     fraction of its mean reference latency); smaller trusts the device's own samples more
 * @param priorJitter added to the prior covariance's diagonal: room for devices unlike any source device
 * @param residualTrees trees of the XGBoost residual model; 0 leaves it out
 * @param seed for the residual model's sampling
 */
public record PredictorSettings(double noiseVariance, double priorJitter, int residualTrees, long seed) {

    public PredictorSettings {
        if (!(noiseVariance > 0) || !(priorJitter > 0) || residualTrees < 0) {
            throw new IllegalArgumentException("need noiseVariance > 0, priorJitter > 0, residualTrees >= 0: "
                    + noiseVariance + ", " + priorJitter + ", " + residualTrees);
        }
    }

    public static PredictorSettings defaults() {
        return new PredictorSettings(3e-3, 1e-5, 0, 1);
    }

    public PredictorSettings withNoise(double noise, double jitter) {
        return new PredictorSettings(noise, jitter, residualTrees, seed);
    }

    public PredictorSettings withResidualTrees(int trees) {
        return new PredictorSettings(noiseVariance, priorJitter, trees, seed);
    }

    public PredictorSettings withSeed(long newSeed) {
        return new PredictorSettings(noiseVariance, priorJitter, residualTrees, newSeed);
    }
}

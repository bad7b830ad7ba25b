package dev.tenshot.predictor;

/**
 * Knobs of the meta-model; {@link #defaults()} are the values chosen on NAS-Bench-201's {@code meta_valid} devices.
 *
 * @param noiseVariance variance of a measurement around the linear model, in the device's normalised unit (squared
 *     fraction of its mean reference latency); smaller trusts the device's own samples more
 * @param priorJitter added to the prior covariance's diagonal: room for devices unlike any source device
 * @param residualTrees trees of the XGBoost residual model; 0 leaves it out
 * @param seed for the residual model's sampling
 * @param sourceTrees trees of XGBoost models fitted per source device to what its own linear fit misses (so a source
 *     device's latency on any config is predicted closely, for the source-based parts); 0 leaves them out
 * @param partTemperature how sharply a device's predictor prefers its best part: weights go as (held-out error)^(-n
 *     x temperature / 2) over n samples; 1 is pseudo Bayesian model averaging, lower blends more
 */
public record PredictorSettings(
        double noiseVariance,
        double priorJitter,
        int residualTrees,
        long seed,
        double partTemperature,
        int sourceTrees) {

    public PredictorSettings {
        if (!(noiseVariance > 0) || !(priorJitter > 0) || residualTrees < 0 || !(partTemperature > 0)) {
            throw new IllegalArgumentException(
                    "need noiseVariance > 0, priorJitter > 0, residualTrees >= 0, partTemperature > 0: " + noiseVariance
                            + ", " + priorJitter + ", " + residualTrees + ", " + partTemperature);
        }
    }

    public static PredictorSettings defaults() {
        return new PredictorSettings(1e-3, 1e-5, 0, 1, 1, 100);
    }

    public PredictorSettings withNoise(double noise, double jitter) {
        return new PredictorSettings(noise, jitter, residualTrees, seed, partTemperature, sourceTrees);
    }

    public PredictorSettings withResidualTrees(int trees) {
        return new PredictorSettings(noiseVariance, priorJitter, trees, seed, partTemperature, sourceTrees);
    }

    public PredictorSettings withSeed(long newSeed) {
        return new PredictorSettings(noiseVariance, priorJitter, residualTrees, newSeed, partTemperature, sourceTrees);
    }

    public PredictorSettings withSourceTrees(int trees) {
        return new PredictorSettings(noiseVariance, priorJitter, residualTrees, seed, partTemperature, trees);
    }

    public PredictorSettings withPartTemperature(double temperature) {
        return new PredictorSettings(noiseVariance, priorJitter, residualTrees, seed, temperature, sourceTrees);
    }
}

package dev.tenshot.predictor;

import dev.tenshot.predictor.internal.Linear;
import dev.tenshot.predictor.internal.ResidualModel;

/**
 * One device's latency predictor: the meta-model's prior updated with the device's own measurements. Immutable
 * and thread-safe.
 */
public final class DevicePredictor {

    private static final double MIN_LATENCY_FRACTION = 1e-3;
    private static final double MEDIAN_ERROR_PER_HALF_WIDTH = 0.6745 / 1.2816;

    private final MetaModel meta;
    private final HardwareEmbedding embedding;
    private final double[] weights;
    private final double[][] covariance;
    private final double intercept;
    private final double[] slopes;
    private final double intervalFactor;

    DevicePredictor(MetaModel meta, HardwareEmbedding embedding, double[] weights, double[][] covariance) {
        this(meta, embedding, weights, covariance, 1);
    }

    private DevicePredictor(
            MetaModel meta,
            HardwareEmbedding embedding,
            double[] weights,
            double[][] covariance,
            double intervalFactor) {
        this.meta = meta;
        this.embedding = embedding;
        this.weights = weights;
        this.covariance = covariance;
        this.intervalFactor = intervalFactor;
        // Fold the standardisation into the weights: a point prediction is one dot product on raw features.
        double[] mean = meta.featureMean();
        double[] scale = meta.featureScale();
        this.slopes = new double[mean.length];
        double b = weights[0];
        for (int j = 0; j < mean.length; j++) {
            slopes[j] = weights[j + 1] / scale[j];
            b -= slopes[j] * mean[j];
        }
        this.intercept = b;
    }

    public HardwareEmbedding embedding() {
        return embedding;
    }

    /**
     * The same predictor with intervals scaled to this device's own held-out errors: the meta-model's interval
     * scale is calibrated over many devices, and a noisier device (a real CPU next to simulated ones) needs wider
     * ones, a quieter one narrower. The factor compares the median over the samples of |measured - held-out
     * prediction| / the interval's half-width there with what a well-calibrated interval gives (clamped to
     * [0.25, 10]).
     *
     * @param heldOutMs each sample predicted without it (see {@link MetaModel#leaveOneOut})
     */
    public DevicePredictor withIntervalsFrom(double[][] sampleFeatures, double[] measuredMs, double[] heldOutMs) {
        Predictions at = predict(sampleFeatures);
        double[] needed = new double[measuredMs.length];
        for (int i = 0; i < needed.length; i++) {
            double halfWidth = (at.upperMs()[i] - at.latencyMs()[i]) / intervalFactor;
            needed[i] = Math.abs(measuredMs[i] - heldOutMs[i]) / halfWidth;
        }
        // The median is steadier than the 80% quantile over ten held-out samples; when the interval fits, half
        // the errors stay within 0.674 / 1.282 of its half-width (normal quantiles of 50% and 80% coverage).
        double factor = Math.clamp(Metrics.quantile(needed, 0.5) / MEDIAN_ERROR_PER_HALF_WIDTH, 0.25, 10.0);
        return new DevicePredictor(meta, embedding, weights, covariance, factor);
    }

    /** How much wider (above 1) or narrower this device's intervals are than the meta-model's calibration alone. */
    public double intervalFactor() {
        return intervalFactor;
    }

    public MetaModel metaModel() {
        return meta;
    }

    /**
     * Point predictions only, for scoring many configs at once (a search). Feature rows as {@link
     * MetaModel#featureNames()}.
     */
    public double[] predictLatencies(double[][] features) {
        double[] linear = new double[features.length];
        for (int r = 0; r < features.length; r++) {
            linear[r] = intercept + Linear.dot(slopes, features[r]);
        }
        double[] normalised = withResidual(features, linear);
        double[] ms = new double[features.length];
        for (int r = 0; r < features.length; r++) {
            ms[r] = toMs(normalised[r]);
        }
        return ms;
    }

    /** Predictions with their calibrated 80% intervals. */
    public Predictions predict(double[][] features) {
        int n = features.length;
        double[] linear = new double[n];
        double[] halfWidth = new double[n];
        var standard = new MetaModel.Standardisation(meta.featureMean(), meta.featureScale());
        for (int r = 0; r < n; r++) {
            double[] phi = standard.design(features[r]);
            linear[r] = Linear.dot(phi, weights);
            double variance =
                    Linear.quadratic(covariance, phi) + meta.settings().noiseVariance();
            halfWidth[r] = intervalFactor * meta.intervalScale() * Math.sqrt(variance) * embedding.scaleMs();
        }
        double[] normalised = withResidual(features, linear);
        double[] latency = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int r = 0; r < n; r++) {
            latency[r] = toMs(normalised[r]);
            lower[r] = Math.max(latency[r] - halfWidth[r], MIN_LATENCY_FRACTION * embedding.scaleMs());
            upper[r] = latency[r] + halfWidth[r];
        }
        return new Predictions(latency, lower, upper);
    }

    /**
     * One-sided upper bounds: the latency each config stays under with probability {@code confidence} by this
     * predictor's calibrated uncertainty. What a latency budget is checked against, so that a config reported as
     * meeting a budget meets it when measured.
     *
     * @param confidence in [0.5, 0.999]
     */
    public double[] upperBoundMs(double[][] features, double confidence) {
        if (!(confidence >= 0.5 && confidence <= 0.999)) {
            throw new IllegalArgumentException("confidence must be in [0.5, 0.999]: " + confidence);
        }
        Predictions at = predict(features);
        // The interval is central at INTERVAL_LEVEL: its upper end is the (1 + level) / 2 one-sided quantile.
        double perHalfWidth =
                Metrics.normalQuantile(confidence) / Metrics.normalQuantile((1 + MetaModel.INTERVAL_LEVEL) / 2);
        double[] bound = new double[at.size()];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = at.latencyMs()[i] + perHalfWidth * (at.upperMs()[i] - at.latencyMs()[i]);
        }
        return bound;
    }

    /**
     * (measured - predicted) / (predictive sd x this device's interval factor) for each config, in the device's
     * normalised unit: what the meta-model's interval scale is calibrated from.
     */
    public double[] standardisedErrors(double[][] features, double[] measuredMs) {
        var standard = new MetaModel.Standardisation(meta.featureMean(), meta.featureScale());
        double[] linear = new double[features.length];
        double[] sd = new double[features.length];
        for (int r = 0; r < features.length; r++) {
            double[] phi = standard.design(features[r]);
            linear[r] = Linear.dot(phi, weights);
            sd[r] = Math.sqrt(
                    Linear.quadratic(covariance, phi) + meta.settings().noiseVariance());
        }
        double[] mean = withResidual(features, linear);
        double[] z = new double[features.length];
        for (int r = 0; r < features.length; r++) {
            z[r] = (measuredMs[r] / embedding.scaleMs() - mean[r]) / (sd[r] * intervalFactor);
        }
        return z;
    }

    private double[] withResidual(double[][] features, double[] linear) {
        ResidualModel residual = meta.residual();
        if (residual == null) {
            return linear;
        }
        var standard = new MetaModel.Standardisation(meta.featureMean(), meta.featureScale());
        double[][] inputs = new double[features.length][];
        for (int r = 0; r < features.length; r++) {
            inputs[r] = MetaModel.residualInput(standard.design(features[r]), embedding, linear[r]);
        }
        double[] correction = residual.predict(inputs);
        double[] out = new double[linear.length];
        for (int r = 0; r < linear.length; r++) {
            out[r] = linear[r] + correction[r];
        }
        return out;
    }

    /** Back to ms; a linear model can dip below zero far from its data, a latency cannot. */
    private double toMs(double normalised) {
        return Math.max(normalised, MIN_LATENCY_FRACTION) * embedding.scaleMs();
    }
}

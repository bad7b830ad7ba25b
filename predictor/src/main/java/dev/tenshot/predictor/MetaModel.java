package dev.tenshot.predictor;

import dev.tenshot.predictor.internal.Linear;
import dev.tenshot.predictor.internal.ResidualModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The meta-learned latency model of one space. Each source device's latency, divided by its mean reference latency,
 * is fitted as a linear function of the config features (relative errors weigh alike: a 10% miss on a fast config
 * counts as much as on a slow one); across source devices those fits form a Gaussian prior over the weights. A new
 * device's measurements update the prior to the device's own posterior (Bayesian linear regression in weight space:
 * a p x p system whatever the number of measurements). {@link #adapt} then weighs that posterior against simpler
 * predictors by their leave-one-out errors on the device's own samples (see {@link DevicePredictor}). An optional
 * XGBoost model, meta-trained on how the few-shot posterior errs on held-out source devices, corrects what the
 * linear model misses. The interval scale is fitted leaving one source device out at a time.
 */
public final class MetaModel {

    /** The probability a prediction's interval is meant to hold the measured latency: its one definition. */
    public static final double INTERVAL_LEVEL = 0.8;

    private static final int CALIBRATION_ROWS_PER_DEVICE = 2000;
    private static final double FIT_RIDGE = 1e-6;
    /** Normalised latencies below this count as this much: the relative weighting must not divide by ~0. */
    static final double MIN_NORMALISED = 1e-3;

    private final List<String> featureNames;
    private final Standardisation standard;
    private final Prior prior;
    private final double intervalScale;
    private final @Nullable ResidualModel residual;
    private final List<SourceFit> sources;
    private final ModelProvenance provenance;

    MetaModel(
            List<String> featureNames,
            Standardisation standard,
            Prior prior,
            double intervalScale,
            @Nullable ResidualModel residual,
            List<SourceFit> sources,
            ModelProvenance provenance) {
        this.featureNames = List.copyOf(featureNames);
        this.standard = standard;
        this.prior = prior;
        this.intervalScale = intervalScale;
        this.residual = residual;
        this.sources = List.copyOf(sources);
        this.provenance = provenance;
    }

    /**
     * One source device's own linear fit, kept so that any config can be predicted on any source device (for the
     * source-based parts of a device's predictor).
     *
     * @param weights over the design row [1, standardised features], predicting latency / the source's scale
     * @param trees what the linear fit misses on the source, from the standardised features (null: none)
     */
    record SourceFit(
            String name, double[] weights, @Nullable ResidualModel trees) {

        /** The source's normalised latency at these design rows. */
        double[] predict(double[][] design) {
            double[] out = new double[design.length];
            for (int r = 0; r < design.length; r++) {
                out[r] = Linear.dot(design[r], weights);
            }
            if (trees != null) {
                double[] correction = trees.predict(withoutIntercept(design));
                for (int r = 0; r < out.length; r++) {
                    out[r] += correction[r];
                }
            }
            for (int r = 0; r < out.length; r++) {
                out[r] = Math.max(out[r], MIN_NORMALISED);
            }
            return out;
        }
    }

    /**
     * Meta-trains on every source device of {@code data}.
     *
     * @throws IllegalArgumentException with fewer than three source devices (the prior's spread needs them)
     */
    public static MetaModel train(TrainingSet data, PredictorSettings settings, String space, Instant trainedAt) {
        if (data.devices().size() < 3) {
            throw new IllegalArgumentException("meta-training needs at least 3 source devices: got "
                    + data.devices().size());
        }
        var standard = Standardisation.of(data.features());
        double[][] design = standard.design(data.features());
        double[][] referenceRows = rows(design, data.referenceRows());
        List<double[]> fits = new ArrayList<>();
        List<SourceFit> sources = new ArrayList<>();
        List<double[]> references = new ArrayList<>();
        for (SourceDevice device : data.devices()) {
            double[] reference = referenceLatencies(data, design, device);
            references.add(reference);
            double scale = HardwareEmbedding.of(reference).scaleMs();
            double[] w = fit(design, device, scale);
            fits.add(w);
            sources.add(new SourceFit(device.name(), w, sourceTrees(design, device, scale, w, settings)));
        }
        var prior = Prior.of(fits, settings.priorJitter());

        // Hold each source device out in turn: how does the few-shot posterior err on a device it has not seen?
        var random = new SplittableRandom(settings.seed());
        List<Double> zScores = new ArrayList<>();
        List<double[]> residualInputs = new ArrayList<>();
        List<Double> residualTargets = new ArrayList<>();
        for (int held = 0; held < data.devices().size(); held++) {
            var others = new ArrayList<>(fits);
            others.remove(held);
            var looPrior = Prior.of(others, settings.priorJitter());
            SourceDevice device = data.devices().get(held);
            double[] reference = references.get(held);
            double scale = looPrior.scaleOf(referenceRows, reference);
            var embedding =
                    new HardwareEmbedding(HardwareEmbedding.of(reference).shape(), scale);
            var posterior = looPrior.update(referenceRows, divide(reference, scale), settings.noiseVariance());
            int[] sample = sample(device.rows().length, CALIBRATION_ROWS_PER_DEVICE, random);
            for (int i : sample) {
                double[] phi = design[device.rows()[i]];
                double truth = device.latencyMs()[i] / scale;
                double mean = Math.max(Linear.dot(phi, posterior.weights()), MIN_NORMALISED);
                double relativeSd = posterior.sd(phi, mean, settings.noiseVariance()) / mean;
                zScores.add(Math.abs(Math.log(Math.max(truth, MIN_NORMALISED) / mean)) / relativeSd);
                residualInputs.add(residualInput(phi, embedding, mean));
                residualTargets.add(truth - mean);
            }
        }
        ResidualModel residual = settings.residualTrees() == 0
                ? null
                : ResidualModel.train(
                        residualInputs.toArray(double[][]::new),
                        residualTargets.stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray(),
                        settings.residualTrees(),
                        settings.seed());
        double k = Metrics.quantile(
                zScores.stream().mapToDouble(Double::doubleValue).toArray(), INTERVAL_LEVEL);
        long samples = data.devices().stream().mapToLong(d -> d.rows().length).sum();
        var provenance = new ModelProvenance(
                space,
                data.devices().stream().map(SourceDevice::name).toList(),
                samples,
                settings,
                data.fingerprint(),
                "tribuo 4.3.2, xgboost4j 1.6.2, java " + Runtime.version(),
                trainedAt);
        return new MetaModel(data.featureNames(), standard, prior, k, residual, sources, provenance);
    }

    /**
     * A device's own predictor from its measurements.
     *
     * @param referenceFeatures features of the reference configs the device was onboarded with
     * @param referenceLatencyMs its latencies on them: its hardware embedding and its speed relative to the prior
     * @param sampleFeatures features of every measured config, references included
     * @param sampleLatencyMs their measured latencies
     */
    public DevicePredictor adapt(
            double[][] referenceFeatures,
            double[] referenceLatencyMs,
            double[][] sampleFeatures,
            double[] sampleLatencyMs) {
        if (sampleFeatures.length != sampleLatencyMs.length || referenceFeatures.length != referenceLatencyMs.length) {
            throw new IllegalArgumentException("features and latencies differ in length");
        }
        double[][] referenceDesign = standard.design(referenceFeatures);
        double scale = prior.scaleOf(referenceDesign, referenceLatencyMs);
        var embedding =
                new HardwareEmbedding(HardwareEmbedding.of(referenceLatencyMs).shape(), scale);
        return DevicePredictor.fit(
                this,
                embedding,
                referenceDesign,
                standard.design(sampleFeatures),
                sampleFeatures,
                divide(sampleLatencyMs, scale));
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public ModelProvenance provenance() {
        return provenance;
    }

    /** Half-width of the 80% interval in predictive standard deviations, scaled to cover held-out source devices. */
    public double intervalScale() {
        return intervalScale;
    }

    PredictorSettings settings() {
        return provenance.settings();
    }

    @Nullable
    ResidualModel residual() {
        return residual;
    }

    Standardisation standardisation() {
        return standard;
    }

    Prior prior() {
        return prior;
    }

    List<SourceFit> sources() {
        return sources;
    }

    static double[] residualInput(double[] phi, HardwareEmbedding embedding, double linearPrediction) {
        double[] input = new double[phi.length - 1 + embedding.shape().length + 1];
        System.arraycopy(phi, 1, input, 0, phi.length - 1);
        System.arraycopy(embedding.shape(), 0, input, phi.length - 1, embedding.shape().length);
        input[input.length - 1] = linearPrediction;
        return input;
    }

    /** Weighted least squares with relative errors: each row weighs 1 / its latency squared. */
    private static double[] fit(double[][] design, SourceDevice device, double scale) {
        double[][] rows = rows(design, device.rows());
        double[] y = divide(device.latencyMs(), scale);
        double[] weights = relativeWeights(y, 1);
        return Linear.solve(
                Linear.weightedGram(rows, weights, FIT_RIDGE * rows.length),
                Linear.weightedTransposeTimes(rows, weights, y));
    }

    /** The source's reference latencies: measured, or where it has not measured one, predicted by its own fit. */
    private static double[] referenceLatencies(TrainingSet data, double[][] design, SourceDevice device) {
        double[] reference = data.referenceLatencies(device);
        if (Arrays.stream(reference).noneMatch(Double::isNaN)) {
            return reference;
        }
        double[] ms = fit(design, device, 1);
        for (int r = 0; r < reference.length; r++) {
            if (Double.isNaN(reference[r])) {
                reference[r] = Math.max(Linear.dot(design[data.referenceRows()[r]], ms), MIN_NORMALISED);
            }
        }
        return reference;
    }

    /** XGBoost on what the source's linear fit misses, if the settings ask for it. */
    private static @Nullable ResidualModel sourceTrees(
            double[][] design, SourceDevice device, double scale, double[] weights, PredictorSettings settings) {
        if (settings.sourceTrees() == 0) {
            return null;
        }
        double[][] rows = rows(design, device.rows());
        double[] misses = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            misses[i] = device.latencyMs()[i] / scale - Linear.dot(rows[i], weights);
        }
        return ResidualModel.train(withoutIntercept(rows), misses, settings.sourceTrees(), settings.seed());
    }

    static double[][] withoutIntercept(double[][] design) {
        double[][] out = new double[design.length][];
        for (int r = 0; r < design.length; r++) {
            out[r] = Arrays.copyOfRange(design[r], 1, design[r].length);
        }
        return out;
    }

    /** 1 / (variance x y^2): the precision of each observation under a relative noise of sd sqrt(variance). */
    static double[] relativeWeights(double[] y, double variance) {
        double[] w = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double v = Math.max(y[i], MIN_NORMALISED);
            w[i] = 1 / (variance * v * v);
        }
        return w;
    }

    static double[][] rows(double[][] matrix, int[] indices) {
        double[][] rows = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            rows[i] = matrix[indices[i]];
        }
        return rows;
    }

    static double[] divide(double[] values, double by) {
        return Arrays.stream(values).map(v -> v / by).toArray();
    }

    private static int[] sample(int size, int max, SplittableRandom random) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        if (size <= max) {
            return all;
        }
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, max);
    }

    /** Per-feature centring and scaling, and the design row [1, standardised features]. */
    record Standardisation(double[] mean, double[] scale) {

        static Standardisation of(double[][] features) {
            int p = features[0].length;
            double[] mean = new double[p];
            double[] scale = new double[p];
            for (double[] row : features) {
                for (int j = 0; j < p; j++) {
                    mean[j] += row[j];
                }
            }
            for (int j = 0; j < p; j++) {
                mean[j] /= features.length;
            }
            for (double[] row : features) {
                for (int j = 0; j < p; j++) {
                    scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
                }
            }
            for (int j = 0; j < p; j++) {
                double sd = Math.sqrt(scale[j] / features.length);
                scale[j] = sd > 1e-12 ? sd : 1; // a constant column stays constant
            }
            return new Standardisation(mean, scale);
        }

        double[][] design(double[][] features) {
            double[][] design = new double[features.length][];
            for (int r = 0; r < features.length; r++) {
                design[r] = design(features[r]);
            }
            return design;
        }

        double[] design(double[] features) {
            double[] row = new double[features.length + 1];
            row[0] = 1;
            for (int j = 0; j < features.length; j++) {
                row[j + 1] = (features[j] - mean[j]) / scale[j];
            }
            return row;
        }

        /** Weights over the design row as [intercept, slopes] over the raw features: one dot product a config. */
        double[] onRawFeatures(double[] designWeights) {
            double[] raw = new double[designWeights.length];
            raw[0] = designWeights[0];
            for (int j = 0; j < mean.length; j++) {
                raw[j + 1] = designWeights[j + 1] / scale[j];
                raw[0] -= raw[j + 1] * mean[j];
            }
            return raw;
        }
    }

    /** A Gaussian over linear weights, kept in both forms: covariance (to save) and precision (to update). */
    record Prior(double[] mean, double[][] covariance, double[][] precision, double[] precisionTimesMean) {

        static Prior of(double[] mean, double[][] covariance) {
            double[][] precision = Linear.inverse(covariance);
            return new Prior(mean, covariance, precision, Linear.times(precision, mean));
        }

        static Prior of(List<double[]> fits, double jitter) {
            int p = fits.getFirst().length;
            double[] mean = new double[p];
            for (double[] w : fits) {
                for (int j = 0; j < p; j++) {
                    mean[j] += w[j] / fits.size();
                }
            }
            double[][] covariance = new double[p][p];
            for (double[] w : fits) {
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < p; j++) {
                        covariance[i][j] += (w[i] - mean[i]) * (w[j] - mean[j]) / (fits.size() - 1);
                    }
                }
            }
            for (int i = 0; i < p; i++) {
                covariance[i][i] += jitter;
            }
            return of(mean, covariance);
        }

        /**
         * How much slower than the prior's average device a device is on its reference configs: its latencies there
         * over the prior mean's normalised predictions. For the reference set the prior was trained with, that is
         * close to the mean reference latency; for another set it stays comparable.
         */
        double scaleOf(double[][] referenceDesign, double[] referenceLatencyMs) {
            double measured = 0;
            double predicted = 0;
            for (int r = 0; r < referenceDesign.length; r++) {
                measured += referenceLatencyMs[r];
                predicted += Linear.dot(referenceDesign[r], mean);
            }
            HardwareEmbedding.of(referenceLatencyMs); // checks the latencies are finite and positive
            double ratio = predicted / referenceDesign.length;
            return measured / referenceDesign.length / (ratio > 0.05 && Double.isFinite(ratio) ? ratio : 1);
        }

        /**
         * The posterior after observing normalised latencies {@code y} at design rows {@code rows}, with a relative
         * noise of variance {@code noise}: precision = prior precision + A^T W A, a p x p system in the features
         * whatever the number of observations.
         */
        Posterior update(double[][] rows, double[] y, double noise) {
            double[] w = relativeWeights(y, noise);
            double[][] posteriorPrecision = Linear.weightedGram(rows, w, 0);
            double[] b = Linear.weightedTransposeTimes(rows, w, y);
            for (int i = 0; i < mean.length; i++) {
                b[i] += precisionTimesMean[i];
                for (int j = 0; j < mean.length; j++) {
                    posteriorPrecision[i][j] += precision[i][j];
                }
            }
            double[][] covariance = Linear.inverse(posteriorPrecision);
            return new Posterior(Linear.times(covariance, b), covariance, w);
        }
    }

    /**
     * @param observationWeights the precision each observation was given (for leave-one-out)
     */
    record Posterior(double[] weights, double[][] covariance, double[] observationWeights) {

        /** Predictive sd at a design row, in normalised units: weight uncertainty plus relative noise. */
        double sd(double[] phi, double mean, double noise) {
            return Math.sqrt(Linear.quadratic(covariance, phi) + noise * mean * mean);
        }

        /**
         * Each observation predicted by the posterior without it, in closed form (Sherman-Morrison): the residual
         * grows by 1 / (1 - its leverage), where leverage = its weight x phi^T S phi.
         */
        double[] leaveOneOut(double[][] rows, double[] y) {
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                double fitted = Linear.dot(rows[i], weights);
                double leverage = observationWeights[i] * Linear.quadratic(covariance, rows[i]);
                out[i] = y[i] - (y[i] - fitted) / Math.max(1 - leverage, 1e-9);
            }
            return out;
        }
    }
}

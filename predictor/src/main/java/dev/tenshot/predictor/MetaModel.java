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
 * The meta-learned latency model of one space. Each source device's latency, divided by its mean reference latency
 * (its {@link HardwareEmbedding} scale), is fitted as a linear function of the config features; across source
 * devices those fits form a Gaussian prior. A new device's ten reference measurements (and any others) update the
 * prior to the device's own posterior (Bayesian linear regression), which gives both a prediction and its
 * uncertainty; an optional XGBoost model, meta-trained on how that few-shot posterior errs on held-out source
 * devices, corrects what the linear model misses. Intervals are scaled so that 80% of held-out measurements fall
 * inside, calibrated leaving one source device out at a time.
 */
public final class MetaModel {

    static final double INTERVAL_LEVEL = 0.8;
    private static final int CALIBRATION_ROWS_PER_DEVICE = 2000;
    private static final double FIT_RIDGE = 1e-6;

    private final List<String> featureNames;
    private final double[] featureMean;
    private final double[] featureScale;
    private final double[] priorMean;
    private final double[][] priorCovariance;
    private final double intervalScale;
    private final @Nullable ResidualModel residual;
    private final ModelProvenance provenance;

    MetaModel(
            List<String> featureNames,
            double[] featureMean,
            double[] featureScale,
            double[] priorMean,
            double[][] priorCovariance,
            double intervalScale,
            @Nullable ResidualModel residual,
            ModelProvenance provenance) {
        this.featureNames = List.copyOf(featureNames);
        this.featureMean = featureMean;
        this.featureScale = featureScale;
        this.priorMean = priorMean;
        this.priorCovariance = priorCovariance;
        this.intervalScale = intervalScale;
        this.residual = residual;
        this.provenance = provenance;
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
        List<double[]> fits = new ArrayList<>();
        for (SourceDevice device : data.devices()) {
            fits.add(fit(design, device, data.referenceLatencies(device)));
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
            double[] reference = data.referenceLatencies(device);
            var embedding = HardwareEmbedding.of(reference);
            double[][] referenceRows = rows(design, data.referenceRows());
            var posterior = looPrior.update(referenceRows, divide(reference, embedding.scaleMs()), settings);
            int[] sample = sample(device.rows().length, CALIBRATION_ROWS_PER_DEVICE, random);
            for (int i : sample) {
                double[] phi = design[device.rows()[i]];
                double truth = device.latencyMs()[i] / embedding.scaleMs();
                double mean = Linear.dot(phi, posterior.weights());
                double sd = Math.sqrt(Linear.quadratic(posterior.covariance(), phi) + settings.noiseVariance());
                zScores.add(Math.abs(truth - mean) / sd);
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
        return new MetaModel(
                data.featureNames(),
                standard.mean(),
                standard.scale(),
                prior.mean(),
                prior.covariance(),
                k,
                residual,
                provenance);
    }

    /**
     * A device's own predictor from its measurements: the ten reference latencies give its embedding and scale; all
     * samples (the references among them) update the prior.
     *
     * @param sampleFeatures features of every measured config, references included
     * @param sampleLatencyMs their measured latencies
     */
    public DevicePredictor adapt(double[] referenceLatencyMs, double[][] sampleFeatures, double[] sampleLatencyMs) {
        var embedding = HardwareEmbedding.of(referenceLatencyMs);
        var standard = new Standardisation(featureMean, featureScale);
        var posterior = new Prior(priorMean, priorCovariance)
                .update(standard.design(sampleFeatures), divide(sampleLatencyMs, embedding.scaleMs()), settings());
        return new DevicePredictor(this, embedding, posterior.weights(), posterior.covariance());
    }

    /**
     * Each sample predicted by a predictor adapted on all the others: the device's own accuracy estimate.
     *
     * @return the held-out prediction of each sample, in ms
     */
    public double[] leaveOneOut(double[] referenceLatencyMs, double[][] sampleFeatures, double[] sampleLatencyMs) {
        double[] predictions = new double[sampleLatencyMs.length];
        for (int held = 0; held < sampleLatencyMs.length; held++) {
            double[][] features = new double[sampleLatencyMs.length - 1][];
            double[] latencies = new double[sampleLatencyMs.length - 1];
            for (int i = 0, j = 0; i < sampleLatencyMs.length; i++) {
                if (i != held) {
                    features[j] = sampleFeatures[i];
                    latencies[j++] = sampleLatencyMs[i];
                }
            }
            predictions[held] = adapt(referenceLatencyMs, features, latencies)
                    .predictLatencies(new double[][] {sampleFeatures[held]})[0];
        }
        return predictions;
    }

    /**
     * The same model with the interval scale set from held-out devices: {@code k} = the 80% quantile of |measured -
     * predicted| / predictive sd over their configs (see {@link DevicePredictor#standardisedErrors}).
     */
    public MetaModel withIntervalScaleFrom(double[] standardisedErrors) {
        double k = Metrics.quantile(
                Arrays.stream(standardisedErrors).map(Math::abs).toArray(), INTERVAL_LEVEL);
        return new MetaModel(
                featureNames, featureMean, featureScale, priorMean, priorCovariance, k, residual, provenance);
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public ModelProvenance provenance() {
        return provenance;
    }

    /** Half-width of the 80% interval in predictive standard deviations, calibrated on held-out source devices. */
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

    double[] featureMean() {
        return featureMean;
    }

    double[] featureScale() {
        return featureScale;
    }

    double[] priorMean() {
        return priorMean;
    }

    double[][] priorCovariance() {
        return priorCovariance;
    }

    static double[] residualInput(double[] phi, HardwareEmbedding embedding, double linearPrediction) {
        double[] input = new double[phi.length - 1 + embedding.shape().length + 1];
        System.arraycopy(phi, 1, input, 0, phi.length - 1);
        System.arraycopy(embedding.shape(), 0, input, phi.length - 1, embedding.shape().length);
        input[input.length - 1] = linearPrediction;
        return input;
    }

    private static double[] fit(double[][] design, SourceDevice device, double[] reference) {
        double scale = HardwareEmbedding.of(reference).scaleMs();
        double[][] rows = rows(design, device.rows());
        double[][] gram = Linear.gram(rows, FIT_RIDGE * rows.length);
        return Linear.solve(gram, Linear.transposeTimes(rows, divide(device.latencyMs(), scale)));
    }

    private static double[][] rows(double[][] matrix, int[] indices) {
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
    }

    /** A Gaussian over linear weights. */
    record Prior(double[] mean, double[][] covariance) {

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
            return new Prior(mean, covariance);
        }

        /**
         * The posterior after observing {@code y} at design rows {@code rows}, in covariance form: only an n x n
         * system in the n observations is solved, {@code (A S A^T + noise I)}, which the noise keeps well
         * conditioned whatever the prior's spread.
         */
        Posterior update(double[][] rows, double[] y, PredictorSettings settings) {
            int n = rows.length;
            int p = mean.length;
            double[][] sat = new double[p][n]; // S A^T
            for (int r = 0; r < n; r++) {
                double[] column = Linear.times(covariance, rows[r]);
                for (int i = 0; i < p; i++) {
                    sat[i][r] = column[i];
                }
            }
            double[][] system = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    double sum = 0;
                    for (int i = 0; i < p; i++) {
                        sum += rows[a][i] * sat[i][b];
                    }
                    system[a][b] = sum;
                }
                system[a][a] += settings.noiseVariance();
            }
            double[] innovation = new double[n];
            for (int r = 0; r < n; r++) {
                innovation[r] = y[r] - Linear.dot(rows[r], mean);
            }
            double[][] systemInverse = Linear.inverse(system);
            double[] alpha = Linear.times(systemInverse, innovation);
            double[] weights = mean.clone();
            for (int i = 0; i < p; i++) {
                weights[i] += Linear.dot(sat[i], alpha);
            }
            double[][] posterior = new double[p][p];
            for (int i = 0; i < p; i++) {
                double[] gain = Linear.times(systemInverse, sat[i]); // (A S A^T + noise I)^-1 A S e_i
                for (int j = 0; j < p; j++) {
                    posterior[i][j] = covariance[i][j] - Linear.dot(sat[j], gain);
                }
            }
            return new Posterior(weights, posterior);
        }
    }

    record Posterior(double[] weights, double[][] covariance) {}
}

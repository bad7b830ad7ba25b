package dev.tenshot.predictor;

import dev.tenshot.predictor.internal.Linear;
import dev.tenshot.predictor.internal.ResidualModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One device's latency predictor: several candidate predictors weighed by how well each predicts the device's own
 * samples when they are left out (pseudo Bayesian model averaging: weight proportional to the leave-one-out mean
 * squared log error to the power -n/2). Transfer from the source devices then never costs much against what the
 * device's own samples say, and where the sources are unlike the device, the simpler parts take over:
 *
 * <ul>
 *   <li>{@value #META} : the meta-model's prior updated with the device's samples (and its residual trees);
 *   <li>{@value #COST_PROXY} : the space's analytic cost (compute, kernels) fitted to the samples alone;
 *   <li>{@value #SOURCES} : the device's log latency as a ridge regression on the source devices' predicted log
 *       latencies (each source's own fit predicts any config);
 *   <li>{@value #NEAREST} : the source device whose reference latencies are most alike, rescaled.
 * </ul>
 *
 * Intervals are in log space (a latency is positive and its errors are relative): each part's relative sd (the
 * meta-model's predictive one; for the others their leave-one-out error plus the measurement noise, which samples
 * measured in one session cannot show), mixed over the parts, then scaled so that the device's own leave-one-out
 * errors fit. Immutable and thread-safe.
 */
public final class DevicePredictor {

    public static final String META = "meta-model";
    public static final String COST_PROXY = "cost proxy";
    public static final String SOURCES = "source devices";
    public static final String NEAREST = "nearest source device";

    private static final double SOURCES_RIDGE = 0.1;
    // A part below this share moves a prediction by well under its noise and is left out (its trees cost time).
    private static final double MIN_WEIGHT = 0.01;
    private static final double MEDIAN_ABS_NORMAL = 0.6745;
    private static final int MAX_SCORED = 1000;
    /**
     * The standard normal quantile at {@code (1 + MetaModel.INTERVAL_LEVEL) / 2}, as a literal: the inverse CDF's
     * last bit differs, and a saved model must predict bit for bit as it did (a test checks the two agree).
     */
    static final double Z_INTERVAL = 1.2815515655446004;

    /**
     * One candidate's share of the predictor and how it scored on the device's samples, each left out in turn.
     *
     * @param detail what the part is beyond its name (the nearest device's name), or null
     * @param heldOutMapePercent mean |held-out prediction / measured - 1|, in percent
     * @param heldOutLogRmse root mean squared log(held-out prediction / measured)
     */
    public record Part(
            String name, @Nullable String detail, double weight, double heldOutMapePercent, double heldOutLogRmse) {}

    private final MetaModel meta;
    private final HardwareEmbedding embedding;
    private final MetaModel.Posterior posterior;
    private final List<Part> parts;
    private final HeldOut heldOut;
    private final double intervalFactor;
    // Every linear part folded into [intercept, slopes] over the raw features, and its weight.
    private final double[][] linearParts;
    private final double[] linearWeights;
    private final double[] linearSd;
    private final double[] combinedLinear;
    private final int metaIndex;
    // Parts log-linear in the source devices' predicted latencies: log y = beta . [1, log source_1, ...].
    private final double[][] logParts;
    private final double[] logWeights;
    private final double[] logSd;
    private final boolean[] sourceNeeded;

    private DevicePredictor(Builder b) {
        this.meta = b.meta;
        this.embedding = b.embedding;
        this.posterior = b.posterior;
        this.parts = List.copyOf(b.parts);
        this.heldOut = b.heldOut;
        this.intervalFactor = b.intervalFactor;
        this.linearParts = b.linearParts.toArray(double[][]::new);
        this.linearWeights =
                b.linearWeights.stream().mapToDouble(Double::doubleValue).toArray();
        this.linearSd = b.linearSd.stream().mapToDouble(Double::doubleValue).toArray();
        this.metaIndex = b.metaIndex;
        this.logParts = b.logParts.toArray(double[][]::new);
        this.logWeights = b.logWeights.stream().mapToDouble(Double::doubleValue).toArray();
        this.logSd = b.logSd.stream().mapToDouble(Double::doubleValue).toArray();
        this.sourceNeeded = new boolean[b.meta.sources().size()];
        for (double[] beta : logParts) {
            for (int d = 0; d < sourceNeeded.length; d++) {
                sourceNeeded[d] |= beta[d + 1] != 0;
            }
        }
        this.combinedLinear = new double[b.meta.featureNames().size() + 1];
        for (int k = 0; k < linearParts.length; k++) {
            for (int j = 0; j < combinedLinear.length; j++) {
                combinedLinear[j] += linearWeights[k] * linearParts[k][j];
            }
        }
    }

    /**
     * Fits every candidate to the device's samples, scores each leaving one sample out at a time (in closed form
     * where the candidate is linear), and weighs them.
     *
     * @param allDesign the samples' design rows, [1, standardised features]
     * @param allY the samples' latencies in the device's normalised unit (ms / embedding scale)
     */
    static DevicePredictor fit(
            MetaModel meta,
            HardwareEmbedding embedding,
            double[][] referenceDesign,
            double[][] allDesign,
            double[][] allFeatures,
            double[] allY) {
        var standard = meta.standardisation();
        double noise = meta.settings().noiseVariance();
        var candidates = new ArrayList<Candidate>();

        // The meta-model's posterior learns from every sample; the parts are fitted and scored on at most
        // MAX_SCORED of them, spread evenly: more would not change the weights, and would cost n x sources trees.
        var posterior = meta.prior().update(allDesign, allY, noise);
        int[] scored = spread(allY.length, MAX_SCORED);
        double[][] design = MetaModel.rows(allDesign, scored);
        double[][] features = MetaModel.rows(allFeatures, scored);
        double[] y = at(allY, scored);
        double[] metaLoo = at(posterior.leaveOneOut(allDesign, allY), scored);
        ResidualModel residual = meta.residual();
        if (residual != null) {
            double[] linear = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                linear[i] = Linear.dot(design[i], posterior.weights());
            }
            double[] correction = residualCorrection(meta, embedding, design, linear);
            for (int i = 0; i < y.length; i++) {
                metaLoo[i] += correction[i];
            }
        }
        candidates.add(new Candidate(META, null, standard.onRawFeatures(posterior.weights()), null, metaLoo));

        costProxy(meta, features, y).ifPresent(candidates::add);
        if (!meta.sources().isEmpty() && y.length >= 3) {
            double[][] atSamples = new double[meta.sources().size()][];
            for (int d = 0; d < atSamples.length; d++) {
                atSamples[d] = meta.sources().get(d).predict(design);
            }
            candidates.add(sources(atSamples, y));
            candidates.add(nearest(meta, embedding, referenceDesign, atSamples, y));
        }

        // Pseudo-BMA weights from each candidate's leave-one-out log errors.
        int n = y.length;
        double[] logWeight = new double[candidates.size()];
        double[] loss = new double[candidates.size()];
        for (int k = 0; k < candidates.size(); k++) {
            loss[k] = meanSquaredLogError(candidates.get(k).heldOut(), y);
            logWeight[k] = -0.5 * n * meta.settings().partTemperature() * Math.log(loss[k] + 1e-8);
        }
        double max = Arrays.stream(logWeight).max().orElseThrow();
        double[] weight = Arrays.stream(logWeight).map(l -> Math.exp(l - max)).toArray();
        double sum = Arrays.stream(weight).sum();
        for (int k = 0; k < weight.length; k++) {
            weight[k] = weight[k] / sum < MIN_WEIGHT ? 0 : weight[k];
        }
        sum = Arrays.stream(weight).sum();

        var b = new Builder(meta, embedding, posterior);
        double[] heldOut = new double[n];
        for (int k = 0; k < candidates.size(); k++) {
            Candidate c = candidates.get(k);
            double w = weight[k] / sum;
            b.parts.add(new Part(
                    c.name(), c.detail(), w, 100 * meanAbsoluteRelativeError(c.heldOut(), y), Math.sqrt(loss[k])));
            if (w == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                heldOut[i] += w * c.heldOut()[i];
            }
            double[] raw = c.raw();
            if (raw != null) {
                if (c.name().equals(META)) {
                    b.metaIndex = b.linearParts.size();
                }
                b.linearParts.add(raw);
                b.linearWeights.add(w);
                b.linearSd.add(Math.sqrt(loss[k] + noise));
            } else {
                b.logParts.add(c.sourceBeta());
                b.logWeights.add(w);
                b.logSd.add(Math.sqrt(loss[k] + noise));
            }
        }
        b.heldOut = new HeldOut(
                scored, Arrays.stream(heldOut).map(v -> v * embedding.scaleMs()).toArray());
        var unscaled = b.build();
        // Scale the intervals to the device's own held-out errors: the median |log error| / relative sd over the
        // samples is 0.674 when the intervals fit. Only ever widened (to at most 10x): samples measured in one session,
        // each left out, look better than new configs will.
        if (n >= 5) {
            double[] sd = unscaled.moments(features, design).relativeSd();
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = Math.abs(Math.log(Math.max(heldOut[i], MetaModel.MIN_NORMALISED) / y[i])) / sd[i];
            }
            b.intervalFactor = Math.clamp(Metrics.quantile(z, 0.5) / MEDIAN_ABS_NORMAL, 1.0, 10.0);
        }
        return b.build();
    }

    public HardwareEmbedding embedding() {
        return embedding;
    }

    public MetaModel metaModel() {
        return meta;
    }

    /** The candidates, their weights (summing to 1) and their held-out scores on the device's samples. */
    public List<Part> parts() {
        return parts;
    }

    /** Samples predicted without them (all, or an even spread of {@value #MAX_SCORED}): its own accuracy estimate. */
    public HeldOut heldOut() {
        return heldOut;
    }

    /**
     * Samples, each predicted by the predictor without it.
     *
     * @param samples the samples' indices, in the order they were given to {@link MetaModel#adapt}
     * @param predictedMs their held-out predictions
     */
    public record HeldOut(int[] samples, double[] predictedMs) {
        public HeldOut {
            samples = samples.clone();
            predictedMs = predictedMs.clone();
        }

        /** The given per-sample values at the held-out samples. */
        public double[] at(double[] perSample) {
            return DevicePredictor.at(perSample, samples);
        }
    }

    private static int[] spread(int n, int max) {
        int m = Math.min(n, max);
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) {
            rows[i] = (int) ((long) i * n / m);
        }
        return rows;
    }

    private static double[] at(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    /** How much wider (above 1) or narrower the device's intervals are than its parts' uncertainty alone. */
    public double intervalFactor() {
        return intervalFactor;
    }

    /**
     * Point predictions only, for scoring many configs at once (a search). Feature rows as {@link
     * MetaModel#featureNames()}.
     */
    public double[] predictLatencies(double[][] features) {
        double[] normalised = mean(features, null);
        double[] ms = new double[features.length];
        for (int r = 0; r < features.length; r++) {
            ms[r] = toMs(normalised[r]);
        }
        return ms;
    }

    /** Predictions with their scaled 80% intervals. */
    public Predictions predict(double[][] features) {
        double[][] design = meta.standardisation().design(features);
        var moments = moments(features, design);
        double[] mean = moments.mean();
        double[] sd = moments.relativeSd();
        int n = features.length;
        double[] latency = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int r = 0; r < n; r++) {
            latency[r] = toMs(mean[r]);
            double half = Z_INTERVAL * intervalFactor * sd[r];
            lower[r] = latency[r] * Math.exp(-half);
            upper[r] = latency[r] * Math.exp(half);
        }
        return new Predictions(latency, lower, upper);
    }

    /**
     * One-sided upper bounds: the latency each config stays under with probability {@code confidence} by this
     * predictor's scaled uncertainty. What a latency budget is checked against, so that a config reported as
     * meeting a budget meets it when measured.
     *
     * @param confidence in [0.5, 0.999]
     */
    public double[] upperBoundMs(double[][] features, double confidence) {
        if (!(confidence >= 0.5 && confidence <= 0.999)) {
            throw new IllegalArgumentException("confidence must be in [0.5, 0.999]: " + confidence);
        }
        double z = Metrics.normalQuantile(confidence);
        double[][] design = meta.standardisation().design(features);
        var moments = moments(features, design);
        double[] mean = moments.mean();
        double[] sd = moments.relativeSd();
        double[] bound = new double[features.length];
        for (int r = 0; r < bound.length; r++) {
            bound[r] = toMs(mean[r]) * Math.exp(z * intervalFactor * sd[r]);
        }
        return bound;
    }

    /** The weighted mean over the parts, in normalised units. */
    private double[] mean(double[][] features, double @Nullable [][] design) {
        double[] correction = meta.residual() != null && metaIndex >= 0 ? residualAt(features, design) : null;
        double[][] logSources = logParts.length > 0 ? logSourcesAt(features, design) : new double[0][];
        return mean(features, correction, logSources);
    }

    private double[] mean(double[][] features, double @Nullable [] correction, double[][] logSources) {
        double[] out = new double[features.length];
        for (int r = 0; r < features.length; r++) {
            out[r] = dotRaw(combinedLinear, features[r]);
        }
        if (correction != null) {
            for (int r = 0; r < out.length; r++) {
                out[r] += linearWeights[metaIndex] * correction[r];
            }
        }
        for (int k = 0; k < logParts.length; k++) {
            double[] part = logPart(k, logSources, features.length);
            for (int r = 0; r < out.length; r++) {
                out[r] += logWeights[k] * part[r];
            }
        }
        return out;
    }

    /** The mean and the relative sd of the mixture of parts (each part's own spread plus their disagreement). */
    private record Moments(double[] mean, double[] relativeSd) {}

    private Moments moments(double[][] features, double[][] design) {
        int n = features.length;
        // Each part's predictions once per batch: the source parts' trees are what a prediction costs.
        double[] correction = meta.residual() != null && metaIndex >= 0 ? residualAt(features, design) : null;
        double[][] logSources = logParts.length > 0 ? logSourcesAt(features, design) : new double[0][];
        double[] mean = mean(features, correction, logSources);
        double[] second = new double[n];
        double metaScale = meta.intervalScale() / Z_INTERVAL;
        double noise = meta.settings().noiseVariance();
        for (int k = 0; k < linearParts.length; k++) {
            for (int r = 0; r < n; r++) {
                double mu = Math.max(dotRaw(linearParts[k], features[r]), MetaModel.MIN_NORMALISED);
                double relativeSd;
                if (k == metaIndex) {
                    if (correction != null) {
                        mu = Math.max(mu + correction[r], MetaModel.MIN_NORMALISED);
                    }
                    relativeSd = metaScale * posterior.sd(design[r], mu, noise) / mu;
                } else {
                    relativeSd = linearSd[k];
                }
                second[r] += linearWeights[k] * mu * mu * (1 + relativeSd * relativeSd);
            }
        }
        for (int k = 0; k < logParts.length; k++) {
            double[] part = logPart(k, logSources, n);
            for (int r = 0; r < n; r++) {
                double mu = Math.max(part[r], MetaModel.MIN_NORMALISED);
                second[r] += logWeights[k] * mu * mu * (1 + logSd[k] * logSd[k]);
            }
        }
        double[] sd = new double[n];
        for (int r = 0; r < n; r++) {
            double mu = Math.max(mean[r], MetaModel.MIN_NORMALISED);
            sd[r] = Math.sqrt(Math.max(second[r] / (mu * mu) - 1, 1e-8));
        }
        return new Moments(mean, sd);
    }

    /** The log of each needed source device's predicted latency at the configs (empty rows for unused sources). */
    private double[][] logSourcesAt(double[][] features, double @Nullable [][] design) {
        double[][] rows = design != null ? design : meta.standardisation().design(features);
        double[][] out = new double[sourceNeeded.length][];
        for (int d = 0; d < out.length; d++) {
            if (!sourceNeeded[d]) {
                out[d] = new double[0];
                continue;
            }
            out[d] = meta.sources().get(d).predict(rows);
            for (int r = 0; r < out[d].length; r++) {
                out[d][r] = Math.log(out[d][r]);
            }
        }
        return out;
    }

    private double[] logPart(int k, double[][] logSources, int n) {
        double[] beta = logParts[k];
        double[] out = new double[n];
        for (int r = 0; r < n; r++) {
            double log = beta[0];
            for (int d = 0; d < logSources.length; d++) {
                if (beta[d + 1] != 0) {
                    log += beta[d + 1] * logSources[d][r];
                }
            }
            out[r] = Math.exp(log);
        }
        return out;
    }

    private double[] residualAt(double[][] features, double @Nullable [][] design) {
        double[][] rows = design != null ? design : meta.standardisation().design(features);
        double[] linear = new double[features.length];
        for (int r = 0; r < features.length; r++) {
            linear[r] = dotRaw(linearParts[metaIndex], features[r]);
        }
        return residualCorrection(meta, embedding, rows, linear);
    }

    /** Back to ms; a linear model can dip below zero far from its data, a latency cannot. */
    private double toMs(double normalised) {
        return Math.max(normalised, MetaModel.MIN_NORMALISED) * embedding.scaleMs();
    }

    private static double dotRaw(double[] raw, double[] features) {
        double sum = raw[0];
        for (int j = 0; j < features.length; j++) {
            sum += raw[j + 1] * features[j];
        }
        return sum;
    }

    private static double[] residualCorrection(
            MetaModel meta, HardwareEmbedding embedding, double[][] design, double[] linear) {
        ResidualModel residual = meta.residual();
        if (residual == null) {
            return new double[linear.length];
        }
        double[][] inputs = new double[linear.length][];
        for (int r = 0; r < linear.length; r++) {
            inputs[r] = MetaModel.residualInput(design[r], embedding, linear[r]);
        }
        return residual.predict(inputs);
    }

    /**
     * The space's cost fitted to the samples by relative least squares, {@code a + b x compute (+ c x kernels)};
     * a term whose fitted cost comes out negative is dropped (a faster device for more work extrapolates badly).
     */
    private static Optional<Candidate> costProxy(MetaModel meta, double[][] features, double[] y) {
        var proxy = CostProxy.of(meta.featureNames());
        if (proxy.isEmpty() || y.length < 3) {
            return Optional.empty();
        }
        boolean kernels = proxy.get().hasKernels() && y.length >= 4;
        while (true) {
            int terms = kernels ? 3 : 2;
            double[][] x = new double[y.length][terms];
            double[] columnScale = new double[terms];
            Arrays.fill(columnScale, 1e-12);
            for (int i = 0; i < y.length; i++) {
                x[i][0] = 1;
                x[i][1] = proxy.get().computeOf(features[i]);
                if (kernels) {
                    x[i][2] = proxy.get().kernelsOf(features[i]);
                }
                for (int t = 1; t < terms; t++) {
                    columnScale[t] = Math.max(columnScale[t], Math.abs(x[i][t]));
                }
            }
            columnScale[0] = 1;
            for (double[] row : x) {
                for (int t = 0; t < terms; t++) {
                    row[t] /= columnScale[t];
                }
            }
            double[] w = MetaModel.relativeWeights(y, 1);
            double[][] inverse = Linear.inverse(Linear.weightedGram(x, w, 1e-9));
            double[] beta = Linear.times(inverse, Linear.weightedTransposeTimes(x, w, y));
            if (kernels && (beta[1] < 0 || beta[2] < 0)) {
                kernels = false;
                continue;
            }
            double[] loo = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                double fitted = Linear.dot(x[i], beta);
                double leverage = w[i] * Linear.quadratic(inverse, x[i]);
                loo[i] = y[i] - (y[i] - fitted) / Math.max(1 - leverage, 1e-9);
            }
            double[] raw = new double[features[0].length + 1];
            raw[0] = beta[0];
            for (int j = 0; j < features[0].length; j++) {
                raw[j + 1] = beta[1] / columnScale[1] * proxy.get().compute()[j]
                        + (kernels ? beta[2] / columnScale[2] * proxy.get().kernels()[j] : 0);
            }
            return Optional.of(new Candidate(COST_PROXY, kernels ? "compute and kernels" : "compute", raw, null, loo));
        }
    }

    /** log y = ridge regression on the source devices' predicted log latencies, with intercept. */
    private static Candidate sources(double[][] atSamples, double[] y) {
        int sources = atSamples.length;
        double[][] x = new double[y.length][sources + 1];
        double[] logY = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i][0] = 1;
            for (int d = 0; d < sources; d++) {
                x[i][d + 1] = Math.log(atSamples[d][i]);
            }
            logY[i] = Math.log(Math.max(y[i], MetaModel.MIN_NORMALISED));
        }
        double[][] inverse = Linear.inverse(Linear.gram(x, SOURCES_RIDGE));
        double[] beta = Linear.times(inverse, Linear.transposeTimes(x, logY));
        double[] loo = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double fitted = Linear.dot(x[i], beta);
            double leverage = Linear.quadratic(inverse, x[i]);
            loo[i] = Math.exp(logY[i] - (logY[i] - fitted) / Math.max(1 - leverage, 1e-9));
        }
        return new Candidate(SOURCES, sources + " devices", null, beta, loo);
    }

    /** The source whose predicted reference latencies have the shape closest to the device's, rescaled to it. */
    private static Candidate nearest(
            MetaModel meta, HardwareEmbedding embedding, double[][] referenceDesign, double[][] atSamples, double[] y) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int d = 0; d < atSamples.length; d++) {
            double[] reference = meta.sources().get(d).predict(referenceDesign);
            double distance = HardwareEmbedding.of(reference).distanceTo(embedding);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = d;
            }
        }
        double[] logRatio = new double[y.length];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            logRatio[i] = Math.log(Math.max(y[i], MetaModel.MIN_NORMALISED) / atSamples[best][i]);
            sum += logRatio[i];
        }
        double[] loo = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            loo[i] = Math.exp((sum - logRatio[i]) / (y.length - 1)) * atSamples[best][i];
        }
        double[] beta = new double[atSamples.length + 1];
        beta[0] = sum / y.length; // log of the rescaling factor
        beta[best + 1] = 1;
        return new Candidate(NEAREST, meta.sources().get(best).name(), null, beta, loo);
    }

    private static double meanSquaredLogError(double[] predicted, double[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double e = Math.log(
                    Math.max(predicted[i], MetaModel.MIN_NORMALISED) / Math.max(y[i], MetaModel.MIN_NORMALISED));
            sum += e * e;
        }
        return sum / y.length;
    }

    private static double meanAbsoluteRelativeError(double[] predicted, double[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += Math.abs(predicted[i] / y[i] - 1);
        }
        return sum / y.length;
    }

    /**
     * A fitted candidate: linear ones as [intercept, slopes] over the raw features ({@code raw}), the source-based
     * ones as coefficients over [1, log source predictions] ({@code sourceBeta}).
     */
    private record Candidate(
            String name,
            @Nullable String detail,
            double @Nullable [] raw,
            double @Nullable [] sourceBeta,
            double[] heldOut) {}

    private static final class Builder {
        final MetaModel meta;
        final HardwareEmbedding embedding;
        final MetaModel.Posterior posterior;
        final List<Part> parts = new ArrayList<>();
        final List<double[]> linearParts = new ArrayList<>();
        final List<Double> linearWeights = new ArrayList<>();
        final List<Double> linearSd = new ArrayList<>();
        int metaIndex = -1;
        final List<double[]> logParts = new ArrayList<>();
        final List<Double> logWeights = new ArrayList<>();
        final List<Double> logSd = new ArrayList<>();
        HeldOut heldOut = new HeldOut(new int[0], new double[0]);
        double intervalFactor = 1;

        Builder(MetaModel meta, HardwareEmbedding embedding, MetaModel.Posterior posterior) {
            this.meta = meta;
            this.embedding = embedding;
            this.posterior = posterior;
        }

        DevicePredictor build() {
            return new DevicePredictor(this);
        }
    }
}

package dev.tenshot.predictor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.jspecify.annotations.Nullable;

/**
 * A device's peak memory as a function of a config's size, fitted to the peaks its agent measured: {@code intercept +
 * bytesPerParameter * parameters + bytesPerActivation * activationValues}. The parameter slope holds the weights at
 * the device's precision; the activation slope the largest activation working set at the device's activation
 * precision (the analytic count of values, e.g. the widest kept MLP's hidden layer, times what the device measured
 * per value); the intercept the rest: the runtime and the pipeline's other stages resident meanwhile. Measured, not
 * derived from the precision: a runner at a reduced scale, or a runtime that keeps a copy of the weights, shows in the
 * slopes.
 *
 * <p>The bound a budget is checked against adds the largest leave-one-out residual over the device's samples: a config
 * stays under it as long as it misses the fit by no more than any measured config would have when left out.
 *
 * <p>A slope the measurements cannot determine (its size never varied apart from the other, or it came out negative
 * from noise) is left out and counted as 0. Of the fits that remain (both sizes, each alone, neither), the one with
 * the smallest leave-one-out error is kept.
 *
 * @param interceptBytes the fitted peak at zero size
 * @param bytesPerParameter the fitted parameter slope, {@code >= 0}
 * @param bytesPerActivation the fitted activation slope, {@code >= 0}
 * @param marginBytes the largest leave-one-out residual, {@code >= 0}
 * @param samples measurements fitted
 */
public record PeakMemoryModel(
        double interceptBytes, double bytesPerParameter, double bytesPerActivation, double marginBytes, int samples) {

    /** Fewest measurements a model is fitted from. */
    public static final int MINIMUM_SAMPLES = 3;

    public PeakMemoryModel {
        if (!(bytesPerParameter >= 0)
                || !(bytesPerActivation >= 0)
                || !(marginBytes >= 0)
                || !Double.isFinite(interceptBytes)) {
            throw new IllegalArgumentException("bad peak memory model: " + interceptBytes + " + " + bytesPerParameter
                    + " per parameter + " + bytesPerActivation + " per activation, margin " + marginBytes);
        }
    }

    /**
     * Fits the model by least squares, with as many of the two slopes as the measurements determine.
     *
     * @param parameters each measured config's parameter count
     * @param activationValues each measured config's largest activation working set, in values
     * @return empty with fewer than {@link #MINIMUM_SAMPLES} samples or fewer than two distinct sizes
     */
    public static Optional<PeakMemoryModel> fit(double[] parameters, double[] activationValues, double[] peakBytes) {
        if (parameters.length != peakBytes.length || activationValues.length != peakBytes.length) {
            throw new IllegalArgumentException("sizes and peaks differ in length");
        }
        int n = peakBytes.length;
        if (n < MINIMUM_SAMPLES) {
            return Optional.empty();
        }
        boolean sizesVary = false;
        for (int i = 1; i < n; i++) {
            sizesVary |= parameters[i] != parameters[0] || activationValues[i] != activationValues[0];
        }
        if (!sizesVary) {
            return Optional.empty();
        }
        // Of the fits whose slopes are all determined and >= 0 (both sizes, each alone, neither), the one that predicts
        // each measurement best when it is left out: the sizes are correlated, so the first acceptable one could be a
        // fit in the parameters alone that the widest MLP explains better.
        @Nullable Candidate best = null;
        for (boolean[] use : new boolean[][] {{true, true}, {true, false}, {false, true}, {false, false}}) {
            var candidate = fit(parameters, activationValues, peakBytes, use[0], use[1]);
            if (candidate.isPresent() && (best == null || candidate.get().press() < best.press())) {
                best = candidate.get();
            }
        }
        if (best == null) {
            throw new IllegalStateException("a model of the intercept alone always fits");
        }
        return Optional.of(best.model());
    }

    /** A fitted model and its sum of squared leave-one-out residuals. */
    private record Candidate(PeakMemoryModel model, double press) {}

    private static Optional<Candidate> fit(
            double[] parameters,
            double[] activations,
            double[] peaks,
            boolean withParameters,
            boolean withActivations) {
        int n = peaks.length;
        List<double[]> columns = new ArrayList<>();
        if (withParameters) {
            columns.add(parameters);
        }
        if (withActivations) {
            columns.add(activations);
        }
        int k = columns.size();
        if (n < k + 2) {
            return Optional.empty(); // no leave-one-out residual to speak of
        }
        if (k == 0) {
            double mean = Arrays.stream(peaks).average().orElseThrow();
            // leave-one-out residual of the mean: r_i / (1 - 1/n)
            double[] leftOut =
                    Arrays.stream(peaks).map(p -> (p - mean) * n / (n - 1)).toArray();
            double margin = Arrays.stream(leftOut).max().orElseThrow();
            return Optional.of(new Candidate(
                    new PeakMemoryModel(mean, 0, 0, Math.max(0, margin), n),
                    Arrays.stream(leftOut).map(r -> r * r).sum()));
        }
        // Scaled to about 1, so that the solver's singularity threshold compares like with like.
        double[] scale = new double[k];
        double[][] x = new double[n][k];
        for (int j = 0; j < k; j++) {
            double[] column = columns.get(j);
            scale[j] = Arrays.stream(column).map(Math::abs).max().orElseThrow();
            if (scale[j] == 0) {
                return Optional.empty();
            }
            for (int i = 0; i < n; i++) {
                x[i][j] = column[i] / scale[j];
            }
        }
        var regression = new OLSMultipleLinearRegression(1e-10);
        double[] beta;
        double[][] hat;
        try {
            regression.newSampleData(peaks.clone(), x);
            beta = regression.estimateRegressionParameters();
            hat = regression.calculateHat().getData();
        } catch (SingularMatrixException e) {
            return Optional.empty(); // a size that never varied apart from the others: its slope is not determined
        }
        double[] slopes = new double[k];
        for (int j = 0; j < k; j++) {
            slopes[j] = beta[j + 1] / scale[j];
            if (!(slopes[j] >= 0)) {
                return Optional.empty();
            }
        }
        double margin = 0;
        double press = 0;
        for (int i = 0; i < n; i++) {
            double fitted = beta[0];
            for (int j = 0; j < k; j++) {
                fitted += beta[j + 1] * x[i][j];
            }
            double residual = peaks[i] - fitted;
            double leverage = hat[i][i];
            if (leverage >= 1 - 1e-9) {
                // a point that alone sets a slope fits itself: no left-out error to judge this fit by, so a rival
                // scored on every point wins
                return Optional.empty();
            }
            double leftOut = residual / (1 - leverage); // leave-one-out residual, in closed form
            margin = Math.max(margin, leftOut);
            press += leftOut * leftOut;
        }
        int slope = 0;
        double perParameter = withParameters ? slopes[slope++] : 0;
        double perActivation = withActivations ? slopes[slope] : 0;
        return Optional.of(new Candidate(new PeakMemoryModel(beta[0], perParameter, perActivation, margin, n), press));
    }

    /** The fitted peak memory of a config of this size. */
    public double predictedBytes(double parameters, double activationValues) {
        return interceptBytes + bytesPerParameter * parameters + bytesPerActivation * activationValues;
    }

    /** The peak memory a budget is checked against: the fit plus the margin. */
    public double boundBytes(double parameters, double activationValues) {
        return predictedBytes(parameters, activationValues) + marginBytes;
    }
}

package dev.tenshot.predictor;

import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * A device's peak memory as a function of the denoiser's parameter count, fitted to the peak memory its agent
 * measured: {@code intercept + bytesPerParameter * parameters}. The slope holds the weights at the device's precision
 * (and what grows with them, such as wider MLP activations); the intercept the rest that the device measured: the
 * activations, the runtime and the pipeline's other stages resident meanwhile. Measured, not derived from the
 * precision: a runner at a reduced scale, or a runtime that keeps a copy of the weights, shows in the slope.
 *
 * <p>The bound a budget is checked against adds the largest leave-one-out residual over the device's samples: a
 * config stays under it as long as it misses the fit by no more than any measured config would have when left out.
 *
 * @param interceptBytes the fitted peak at zero parameters
 * @param bytesPerParameter the fitted slope, {@code >= 0} (a negative slope fitted from noise is taken as 0)
 * @param marginBytes the largest leave-one-out residual, {@code >= 0}
 * @param samples measurements fitted
 */
public record PeakMemoryModel(double interceptBytes, double bytesPerParameter, double marginBytes, int samples) {

    /** Fewest measurements a model is fitted from. */
    public static final int MINIMUM_SAMPLES = 3;

    public PeakMemoryModel {
        if (!(bytesPerParameter >= 0) || !(marginBytes >= 0) || !Double.isFinite(interceptBytes)) {
            throw new IllegalArgumentException("bad peak memory model: " + interceptBytes + " + " + bytesPerParameter
                    + " per parameter, margin " + marginBytes);
        }
    }

    /**
     * Fits the model by least squares.
     *
     * @return empty with fewer than {@link #MINIMUM_SAMPLES} samples or fewer than two distinct parameter counts
     */
    public static Optional<PeakMemoryModel> fit(double[] parameters, double[] peakBytes) {
        if (parameters.length != peakBytes.length) {
            throw new IllegalArgumentException("parameters and peaks differ in length");
        }
        int n = parameters.length;
        if (n < MINIMUM_SAMPLES || Arrays.stream(parameters).distinct().count() < 2) {
            return Optional.empty();
        }
        var regression = new SimpleRegression();
        for (int i = 0; i < n; i++) {
            regression.addData(parameters[i], peakBytes[i]);
        }
        double slope = regression.getSlope();
        double intercept = regression.getIntercept();
        double meanParameters = Arrays.stream(parameters).average().orElseThrow();
        double spread = regression.getXSumSquares();
        double margin = 0;
        for (int i = 0; i < n; i++) {
            double residual = peakBytes[i] - (intercept + slope * parameters[i]);
            double leverage = 1.0 / n + Math.pow(parameters[i] - meanParameters, 2) / spread;
            // leave-one-out residual of a least-squares fit, in closed form; a point of leverage ~1 fits itself
            double leftOut = leverage < 1 - 1e-9 ? residual / (1 - leverage) : residual;
            margin = Math.max(margin, leftOut);
        }
        if (slope < 0) {
            double mean = Arrays.stream(peakBytes).average().orElseThrow();
            double highest = Arrays.stream(peakBytes).max().orElseThrow();
            return Optional.of(new PeakMemoryModel(mean, 0, highest - mean, n));
        }
        return Optional.of(new PeakMemoryModel(intercept, slope, margin, n));
    }

    /** The fitted peak memory of a config with this many denoiser parameters. */
    public double predictedBytes(double parameters) {
        return interceptBytes + bytesPerParameter * parameters;
    }

    /** The peak memory a budget is checked against: the fit plus the margin. */
    public double boundBytes(double parameters) {
        return predictedBytes(parameters) + marginBytes;
    }

    /**
     * The most denoiser parameters whose bound fits in the budget: {@code +Infinity} when the slope is 0 and the
     * bound fits, a value {@code <= 0} when no config can fit.
     */
    public double maxParameters(double budgetBytes) {
        double room = budgetBytes - interceptBytes - marginBytes;
        if (bytesPerParameter == 0) {
            return room >= 0 ? Double.POSITIVE_INFINITY : 0;
        }
        return room / bytesPerParameter;
    }
}

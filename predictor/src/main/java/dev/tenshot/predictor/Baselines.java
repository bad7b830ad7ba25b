package dev.tenshot.predictor;

import dev.tenshot.predictor.internal.Linear;
import dev.tenshot.predictor.internal.ResidualModel;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The simple predictors the meta-model must beat, each given the target's ten reference latencies only: an
 * analytic cost proxy, the nearest source device, ridge regression on the source devices' latencies, and XGBoost
 * fitted to the ten samples alone.
 */
public final class Baselines {

    private static final double RIDGE = 0.1;

    private final LatencyDataset data;
    private final List<String> sources;

    public Baselines(LatencyDataset data, List<String> sources) {
        this.data = data;
        this.sources = sources;
    }

    /**
     * The space's analytic compute ({@link CostProxy}: FLOPs columns, or for NAS-Bench-201's one-hot cells a
     * parameter-count proxy), scaled to ms by least squares on the ten references.
     */
    public Optional<double[]> costProxy(double[] reference, int[] rows) {
        var cost = CostProxy.of(data.featureNames());
        if (cost.isEmpty()) {
            return Optional.empty();
        }
        double[] proxy = new double[data.features().length];
        for (int r = 0; r < proxy.length; r++) {
            proxy[r] = cost.get().computeOf(data.features()[r]);
        }
        double[][] design = new double[data.referenceRows().length][];
        for (int i = 0; i < design.length; i++) {
            design[i] = new double[] {1, proxy[data.referenceRows()[i]]};
        }
        double[] fit = Linear.solve(Linear.gram(design, 1e-9), Linear.transposeTimes(design, reference));
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = fit[0] + fit[1] * proxy[rows[i]];
        }
        return Optional.of(out);
    }

    /** The source device whose reference latencies have the closest shape, rescaled to the target's speed. */
    public double[] nearestDevice(double[] reference, int[] rows) {
        var target = HardwareEmbedding.of(reference);
        @Nullable String nearest = null;
        double best = Double.POSITIVE_INFINITY;
        for (String source : sources) {
            double distance = HardwareEmbedding.of(referenceOf(source)).distanceTo(target);
            if (distance < best) {
                best = distance;
                nearest = source;
            }
        }
        if (nearest == null) {
            throw new IllegalStateException("no source device to take the nearest of");
        }
        double[] latency = data.latencyByRow(nearest);
        double factor =
                target.scaleMs() / HardwareEmbedding.of(referenceOf(nearest)).scaleMs();
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = latency[rows[i]] * factor;
        }
        return out;
    }

    /** Ridge regression of the target's log latency on the source devices' log latencies, fitted on the references. */
    public double[] ridgeOnSources(double[] reference, int[] rows) {
        List<double[]> byRow = sources.stream().map(data::latencyByRow).toList();
        double[][] design = new double[reference.length][];
        double[] y = new double[reference.length];
        for (int i = 0; i < reference.length; i++) {
            design[i] = logRow(byRow, data.referenceRows()[i]);
            y[i] = Math.log(reference[i]);
        }
        double[] fit = Linear.solve(Linear.gram(design, RIDGE), Linear.transposeTimes(design, y));
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = Math.exp(Linear.dot(fit, logRow(byRow, rows[i])));
        }
        return out;
    }

    /** XGBoost on the ten reference samples alone: what the device's own data says without meta-learning. */
    public double[] xgboostOnTenSamples(double[] reference, int[] rows, long seed) {
        double[][] inputs = new double[reference.length][];
        double scale = HardwareEmbedding.of(reference).scaleMs();
        double[] targets = new double[reference.length];
        for (int i = 0; i < reference.length; i++) {
            inputs[i] = data.features()[data.referenceRows()[i]];
            targets[i] = reference[i] / scale;
        }
        var model = ResidualModel.train(inputs, targets, 100, seed);
        double[][] query = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            query[i] = data.features()[rows[i]];
        }
        double[] out = model.predict(query);
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    public double[] referenceOf(String device) {
        double[] byRow = data.latencyByRow(device);
        double[] reference = new double[data.referenceRows().length];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = byRow[data.referenceRows()[i]];
        }
        return reference;
    }

    private static double[] logRow(List<double[]> byRow, int row) {
        double[] out = new double[byRow.size() + 1];
        out[0] = 1;
        for (int d = 0; d < byRow.size(); d++) {
            out[d + 1] = Math.log(byRow.get(d)[row]);
        }
        return out;
    }
}

package dev.tenshot.predictor;

import java.util.List;
import java.util.Optional;

/**
 * The analytic cost a space's features carry, read from their names: compute (columns named {@code *gflop}, {@code
 * *flops}) and kernels launched ({@code *kernels}). For NAS-Bench-201's one-hot cells without such columns, a
 * parameter-count proxy stands in (a 3x3 convolution has 9x the weights of a 1x1). A device's latency fitted as
 * {@code a + b x compute + c x kernels} on its own samples is the simple baseline every learned predictor must beat.
 *
 * @param compute weight of each feature in the compute sum
 * @param kernels weight of each feature in the kernel count (all 0 when the space has none)
 */
public record CostProxy(double[] compute, double[] kernels) {

    public CostProxy {
        compute = compute.clone();
        kernels = kernels.clone();
    }

    /** The proxy of a space with these features, if its features carry a cost. */
    public static Optional<CostProxy> of(List<String> featureNames) {
        int p = featureNames.size();
        double[] compute = new double[p];
        double[] kernels = new double[p];
        boolean any = false;
        for (int j = 0; j < p; j++) {
            String name = featureNames.get(j).toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith("gflop") || name.endsWith("flops")) {
                compute[j] = 1;
                any = true;
            } else if (name.endsWith("kernels")) {
                kernels[j] = 1;
            }
        }
        if (!any) {
            for (int j = 0; j < p; j++) {
                String name = featureNames.get(j);
                compute[j] = name.endsWith("_nor_conv_3x3") ? 9 : name.endsWith("_nor_conv_1x1") ? 1 : 0;
                any |= compute[j] > 0;
            }
        }
        return any ? Optional.of(new CostProxy(compute, kernels)) : Optional.empty();
    }

    public boolean hasKernels() {
        for (double k : kernels) {
            if (k != 0) {
                return true;
            }
        }
        return false;
    }

    public double computeOf(double[] features) {
        return dot(compute, features);
    }

    public double kernelsOf(double[] features) {
        return dot(kernels, features);
    }

    private static double dot(double[] weights, double[] features) {
        double sum = 0;
        for (int j = 0; j < weights.length; j++) {
            sum += weights[j] * features[j];
        }
        return sum;
    }
}

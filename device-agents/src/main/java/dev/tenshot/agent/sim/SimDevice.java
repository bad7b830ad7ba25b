package dev.tenshot.agent.sim;

import dev.tenshot.space.mmdit.Precision;
import java.util.Set;

/**
 * One device of the zoo: the public spec figures the roofline needs, and our efficiency, overhead and noise estimates.
 * See {@code device-zoo.json} for what each field means and where each figure comes from.
 *
 * @param kind {@code npu}, {@code gpu} or {@code cpu}
 * @param precision the precision the device runs the pipeline at, as a {@link Precision} name
 * @param peakTeraOpsPerSecond dense peak at {@code precision}, TOPS or TFLOPS
 * @param memoryBandwidthGbPerSecond theoretical peak DRAM bandwidth, 1e9 bytes per second
 * @param memoryCapacityGb physical RAM, 1e9 bytes
 * @param launchOverheadMicros paid once per network call
 * @param opOverheadMicros paid once per operator of a call
 * @param matmulEfficiency fraction of peak large matmuls reach, in (0, 1]
 * @param attentionEfficiency fraction of peak large attention reaches, in (0, 1]
 * @param halfEfficiencyGflop operator size at which half of the large-operator efficiency is reached
 * @param bandwidthEfficiency fraction of peak bandwidth streaming reaches, in (0, 1]
 * @param fusedAttention true when the runtime never writes the attention score matrix to memory
 * @param noiseSigma relative sigma of the lognormal run-to-run jitter, in [0, 1)
 * @param source the public specs the figures come from; our estimates are marked as such
 */
record SimDevice(
        String id,
        String name,
        String kind,
        String chipset,
        String runtime,
        String precision,
        double peakTeraOpsPerSecond,
        double memoryBandwidthGbPerSecond,
        double memoryCapacityGb,
        double launchOverheadMicros,
        double opOverheadMicros,
        double matmulEfficiency,
        double attentionEfficiency,
        double halfEfficiencyGflop,
        double bandwidthEfficiency,
        boolean fusedAttention,
        double noiseSigma,
        String source) {

    private static final Set<String> KINDS = Set.of("npu", "gpu", "cpu");

    SimDevice {
        requireText("id", id);
        requireText("name", name);
        requireText("chipset", chipset);
        requireText("runtime", runtime);
        requireText("source", source);
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException(id + ": kind must be npu, gpu or cpu: " + kind);
        }
        try {
            Precision.valueOf(precision);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(id + ": unknown precision " + precision, e);
        }
        requirePositive(id, "peakTeraOpsPerSecond", peakTeraOpsPerSecond);
        requirePositive(id, "memoryBandwidthGbPerSecond", memoryBandwidthGbPerSecond);
        requirePositive(id, "memoryCapacityGb", memoryCapacityGb);
        requirePositive(id, "halfEfficiencyGflop", halfEfficiencyGflop);
        requireFraction(id, "matmulEfficiency", matmulEfficiency);
        requireFraction(id, "attentionEfficiency", attentionEfficiency);
        requireFraction(id, "bandwidthEfficiency", bandwidthEfficiency);
        if (!(launchOverheadMicros >= 0) || !(opOverheadMicros >= 0)) {
            throw new IllegalArgumentException(
                    id + ": overheads must be >= 0: " + launchOverheadMicros + ", " + opOverheadMicros);
        }
        if (!(noiseSigma >= 0 && noiseSigma < 1)) {
            throw new IllegalArgumentException(id + ": noiseSigma must be in [0, 1): " + noiseSigma);
        }
    }

    Precision numericPrecision() {
        return Precision.valueOf(precision);
    }

    double peakOpsPerSecond() {
        return peakTeraOpsPerSecond * 1e12;
    }

    double memoryBytesPerSecond() {
        return memoryBandwidthGbPerSecond * 1e9;
    }

    double memoryCapacityBytes() {
        return memoryCapacityGb * 1e9;
    }

    /** The same device without run-to-run jitter, for noise-free comparisons. */
    SimDevice withoutNoise() {
        return new SimDevice(
                id,
                name,
                kind,
                chipset,
                runtime,
                precision,
                peakTeraOpsPerSecond,
                memoryBandwidthGbPerSecond,
                memoryCapacityGb,
                launchOverheadMicros,
                opOverheadMicros,
                matmulEfficiency,
                attentionEfficiency,
                halfEfficiencyGflop,
                bandwidthEfficiency,
                fusedAttention,
                0,
                source);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a zoo device needs a non-blank " + field + ": " + value);
        }
    }

    private static void requirePositive(String id, String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(id + ": " + field + " must be positive: " + value);
        }
    }

    private static void requireFraction(String id, String field, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(id + ": " + field + " must be in (0, 1]: " + value);
        }
    }
}

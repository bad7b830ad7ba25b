package dev.tenshot.predictor;

import java.util.Arrays;

/** Which measured devices a meta-model may learn from: the rules every trainer of one applies. */
public final class TrainingSources {

    /** Latencies at the reference configs must spread at least this much (max over min) for a device to teach. */
    public static final double MIN_REFERENCE_SPREAD = 1.5;

    private TrainingSources() {}

    /** Why a device is, or is not yet, a source. */
    public enum Verdict {
        SOURCE,
        /** Fewer than two samples per coefficient of the prior's linear model (the features and an intercept). */
        TOO_FEW_SAMPLES,
        /**
         * The reference configs span the space's cost range (over 10x in FLOPs for the MMDiT space); a device whose
         * latencies there differ by less than {@link #MIN_REFERENCE_SPREAD}x measured something else (a constant
         * stand-in, a broken runner) and would teach the prior that configs cost the same.
         */
        UNINFORMATIVE
    }

    /**
     * Judges a measured device.
     *
     * @param features the space's feature count
     * @param referenceRows the rows of the space's current reference configs; a device onboarded with an older
     *     reference set (fewer than two of these measured) is judged by the spread of all its measurements
     */
    public static Verdict judge(SourceDevice device, int features, int[] referenceRows) {
        if (device.rows().length < minimumSamples(features)) {
            return Verdict.TOO_FEW_SAMPLES;
        }
        return spreadsEnough(device, referenceRows) ? Verdict.SOURCE : Verdict.UNINFORMATIVE;
    }

    public static int minimumSamples(int features) {
        return 2 * (features + 1);
    }

    private static boolean spreadsEnough(SourceDevice device, int[] referenceRows) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        int found = 0;
        for (int i = 0; i < device.rows().length; i++) {
            for (int reference : referenceRows) {
                if (device.rows()[i] == reference) {
                    min = Math.min(min, device.latencyMs()[i]);
                    max = Math.max(max, device.latencyMs()[i]);
                    found++;
                }
            }
        }
        if (found < 2) {
            min = Arrays.stream(device.latencyMs()).min().orElse(0);
            max = Arrays.stream(device.latencyMs()).max().orElse(0);
        }
        return max >= MIN_REFERENCE_SPREAD * min;
    }
}

package dev.tenshot.predictor;

import java.util.List;

/**
 * What a meta-model is trained on: the configs' feature vectors (one row per config, fixed length), which rows are
 * the space's reference configs, and the source devices with their measurements. A source device that has not
 * measured every reference row (one onboarded with an older reference set) has its missing reference latencies
 * predicted from its own measurements when the meta-model is trained.
 */
public record TrainingSet(
        List<String> featureNames, double[][] features, int[] referenceRows, List<SourceDevice> devices) {

    public TrainingSet {
        featureNames = List.copyOf(featureNames);
        devices = List.copyOf(devices);
        if (features.length == 0 || referenceRows.length < 2) {
            throw new IllegalArgumentException("need configs and at least two reference rows");
        }
        for (double[] row : features) {
            if (row.length != featureNames.size()) {
                throw new IllegalArgumentException(
                        "every feature row needs " + featureNames.size() + " values: got " + row.length);
            }
        }
        referenceRows = referenceRows.clone();
    }

    /** SHA-256 over the features and every device's measurements: equal for equal training data. */
    public String fingerprint() {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            var buffer = java.nio.ByteBuffer.allocate(8);
            for (double[] row : features) {
                for (double v : row) {
                    digest.update(buffer.clear().putDouble(v).array());
                }
            }
            for (int row : referenceRows) {
                digest.update(buffer.clear().putLong(row).array());
            }
            for (SourceDevice device : devices) {
                digest.update(device.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                for (int i = 0; i < device.rows().length; i++) {
                    digest.update(buffer.clear().putLong(device.rows()[i]).array());
                    digest.update(
                            buffer.clear().putDouble(device.latencyMs()[i]).array());
                }
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }

    /** The device's latencies on the reference rows, in reference order; NaN where it has not measured one. */
    public double[] referenceLatencies(SourceDevice device) {
        return referenceLatencies(device, referenceRows);
    }

    private static double[] referenceLatencies(SourceDevice device, int[] referenceRows) {
        double[] latencies = new double[referenceRows.length];
        for (int r = 0; r < referenceRows.length; r++) {
            int row = referenceRows[r];
            int at = -1;
            for (int i = 0; i < device.rows().length; i++) {
                if (device.rows()[i] == row) {
                    at = i;
                    break;
                }
            }
            latencies[r] = at < 0 ? Double.NaN : device.latencyMs()[at];
        }
        return latencies;
    }
}

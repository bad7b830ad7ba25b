package dev.tenshot.service.search;

import dev.tenshot.predictor.Metrics;
import dev.tenshot.search.LatencyEstimator;
import dev.tenshot.service.measurement.MeasuredConfig;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The latency of configs in one round of a search job, over its target devices. On each device a config it has
 * measured counts at the median of its measurements (grouped by content hash), for the objective and the constraint
 * alike; any other config at the device predictor's point prediction (objective) and one-sided upper bound
 * (constraint). Over devices, the worst case of each.
 *
 * <p>Configs are looked up by their canonical form, which is what the hash is of: hashing each of a search's 20,000
 * configs would take longer than the search.
 */
final class RoundLatency implements LatencyEstimator {

    /**
     * One target device.
     *
     * @param predictedMs point predictions for feature rows
     * @param boundMs one-sided upper bounds for feature rows, at the job's confidence
     * @param measuredMs median measured latency by config ({@link #byConfig})
     */
    record Device(
            Function<double[][], double[]> predictedMs,
            Function<double[][], double[]> boundMs,
            Map<MmditConfig, Double> measuredMs) {

        Device {
            measuredMs = Map.copyOf(measuredMs);
        }

        @Nullable
        Double measured(MmditConfig config) {
            return measuredMs.get(config);
        }
    }

    private final List<Device> devices;
    private final Function<MmditConfig, double[]> features;

    RoundLatency(List<Device> devices, Function<MmditConfig, double[]> features) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a round needs at least one device");
        }
        this.devices = List.copyOf(devices);
        this.features = features;
    }

    /** The median measured latency of each config, by content hash, from a device's measurements. */
    static Map<String, Double> medians(List<MeasuredConfig> measurements) {
        return medians(measurements, MeasuredConfig::endToEndMs);
    }

    /** The median of a measured value of each config, by content hash; measurements without it are left out. */
    static Map<String, Double> medians(
            List<MeasuredConfig> measurements, Function<MeasuredConfig, @Nullable Number> value) {
        Map<String, List<Double>> byHash = new HashMap<>();
        for (MeasuredConfig m : measurements) {
            Number measured = value.apply(m);
            if (measured != null) {
                byHash.computeIfAbsent(m.configHash(), h -> new ArrayList<>()).add(measured.doubleValue());
            }
        }
        Map<String, Double> medians = new HashMap<>();
        byHash.forEach((hash, values) -> medians.put(
                hash,
                Metrics.quantile(
                        values.stream().mapToDouble(Double::doubleValue).toArray(), 0.5)));
        return medians;
    }

    /** {@link #medians}, keyed by each hash's config in the space's canonical form. */
    static Map<MmditConfig, Double> byConfig(List<MeasuredConfig> measurements, MmditPruningSpace space) {
        Map<String, JsonNode> configs = new HashMap<>();
        measurements.forEach(m -> configs.putIfAbsent(m.configHash(), m.config()));
        Map<MmditConfig, Double> byConfig = new HashMap<>();
        medians(measurements)
                .forEach((hash, ms) -> byConfig.put(parse(space, Objects.requireNonNull(configs.get(hash))), ms));
        return byConfig;
    }

    /** A stored config of the space (stored configs were checked when they came in). */
    static MmditConfig parse(MmditPruningSpace space, JsonNode config) {
        return switch (space.check(config)) {
            case ConfigCheck.Valid valid -> (MmditConfig) valid.config();
            case ConfigCheck.Invalid invalid ->
                throw new IllegalStateException(
                        "stored config rejected by " + space.name() + ": " + invalid.problems());
        };
    }

    Device device(int index) {
        return devices.get(index);
    }

    @Override
    public double[] estimateMs(List<MmditConfig> configs) {
        return worstCase(configs, Device::predictedMs);
    }

    @Override
    public double[] constraintMs(List<MmditConfig> configs, double[] estimatesMs) {
        return worstCase(configs, Device::boundMs);
    }

    /** The constraint latency of each config on one device: measured median, else upper bound. */
    double[] constraintMsOn(int device, List<MmditConfig> configs) {
        return on(devices.get(device), configs, features(configs), Device::boundMs);
    }

    private double[] worstCase(List<MmditConfig> configs, Function<Device, Function<double[][], double[]>> model) {
        double[][] rows = features(configs);
        double[] worst = on(devices.getFirst(), configs, rows, model);
        for (int d = 1; d < devices.size(); d++) {
            double[] other = on(devices.get(d), configs, rows, model);
            for (int i = 0; i < worst.length; i++) {
                worst[i] = Math.max(worst[i], other[i]);
            }
        }
        return worst;
    }

    private static double[] on(
            Device device,
            List<MmditConfig> configs,
            double[][] rows,
            Function<Device, Function<double[][], double[]>> model) {
        double[] ms = model.apply(device).apply(rows);
        if (ms.length != configs.size()) {
            throw new IllegalStateException("predictor answered " + ms.length + " latencies for " + configs.size());
        }
        for (int i = 0; i < ms.length; i++) {
            Double measured = device.measured(configs.get(i));
            if (measured != null) {
                ms[i] = measured;
            }
        }
        return ms;
    }

    private double[][] features(List<MmditConfig> configs) {
        double[][] rows = new double[configs.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = features.apply(configs.get(i));
        }
        return rows;
    }
}

package dev.tenshot.service.predictor;

import dev.tenshot.predictor.DevicePredictor;
import dev.tenshot.predictor.Metrics;
import dev.tenshot.service.device.DeviceResponse;
import dev.tenshot.service.device.DeviceService;
import dev.tenshot.service.device.DeviceStatus;
import dev.tenshot.service.measurement.MeasuredConfig;
import dev.tenshot.service.measurement.MeasurementQueries;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SearchSpaces;
import dev.tenshot.space.SpaceConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Each ready device's own predictor: the space's meta-model adapted to all the device's measurements. Fitted on
 * first use after the tenth reference measurement lands and refitted when more measurements (or a new meta-model)
 * arrive; ingestion never waits for it. Before a refit, the old fit is scored on the measurements it had not seen:
 * the honest error of a predictor on new data.
 */
@Service
public class DevicePredictors {

    /** Leave-one-out over more samples than this is skipped: each of its n adaptations solves an n x n system. */
    private static final int MAX_LEAVE_ONE_OUT = 60;

    private final DeviceService devices;
    private final MeasurementQueries measurements;
    private final MetaModels metaModels;
    private final SearchSpaces spaces;
    private final Clock clock;
    private final Map<UUID, Fit> fits = new ConcurrentHashMap<>();

    DevicePredictors(
            DeviceService devices,
            MeasurementQueries measurements,
            MetaModels metaModels,
            SearchSpaces spaces,
            Clock clock) {
        this.devices = devices;
        this.measurements = measurements;
        this.metaModels = metaModels;
        this.spaces = spaces;
        this.clock = clock;
    }

    /**
     * A device's fitted predictor with what it was fitted on.
     *
     * @param accuracy leave-one-out on the device's samples (null above {@value #MAX_LEAVE_ONE_OUT} samples)
     * @param sinceLastFit the previous fit's error on the measurements that arrived after it (null before any)
     */
    public record Fit(
            DevicePredictor predictor,
            SearchSpace space,
            long metaModelVersion,
            int samples,
            Instant fittedAt,
            @Nullable Accuracy accuracy,
            @Nullable Accuracy sinceLastFit) {}

    /** @param spearman null below three samples, where a rank correlation says nothing */
    public record Accuracy(
            int samples, double mapePercent, @Nullable Double spearman) {}

    /** @throws PredictorProblems.DeviceNotReadyException for a device that is still calibrating */
    public Fit fitFor(UUID deviceId) {
        DeviceResponse device = devices.find(deviceId);
        if (device.status() != DeviceStatus.READY) {
            throw new PredictorProblems.DeviceNotReadyException(
                    deviceId, device.status().name().toLowerCase());
        }
        SearchSpace space = spaces.find(device.space()).orElseThrow();
        var meta = metaModels
                .current(space.name())
                .orElseThrow(() -> new PredictorProblems.NoMetaModelException(
                        space.name(), "fewer than three source devices; calibrate more devices, then retrain"));
        long count = measurements.count(deviceId, space.name());
        Fit old = fits.get(deviceId);
        if (old != null && old.metaModelVersion() == meta.version() && old.samples() == count) {
            return old;
        }
        return fits.compute(deviceId, (id, previous) -> refit(id, space, meta, previous));
    }

    /**
     * A fit that covers every measurement of the device stored before this call (waiting for it if need be): what a
     * verification round refits from, where a prediction request takes the last fit.
     *
     * @throws PredictorProblems.DeviceNotReadyException for a device that is still calibrating
     */
    public Fit freshFitFor(UUID deviceId) {
        return fitFor(deviceId);
    }

    private Fit refit(UUID deviceId, SearchSpace space, MetaModels.Versioned meta, @Nullable Fit previous) {
        List<MeasuredConfig> measured = measurements.of(deviceId, space.name());
        double[][] features = new double[measured.size()][];
        double[] latency = new double[measured.size()];
        Map<String, List<Double>> byHash = new HashMap<>();
        for (int i = 0; i < measured.size(); i++) {
            MeasuredConfig m = measured.get(i);
            features[i] = space.features(parse(space, m));
            latency[i] = m.endToEndMs();
            byHash.computeIfAbsent(m.configHash(), h -> new ArrayList<>()).add(m.endToEndMs());
        }
        double[] reference = space.referenceConfigs().stream()
                .mapToDouble(c -> median(byHash.getOrDefault(c.contentHash(), List.of())))
                .toArray();
        double[] heldOut =
                measured.size() > MAX_LEAVE_ONE_OUT ? null : meta.model().leaveOneOut(reference, features, latency);
        DevicePredictor adapted = meta.model().adapt(reference, features, latency);
        DevicePredictor predictor = heldOut == null ? adapted : adapted.withIntervalsFrom(features, latency, heldOut);
        Accuracy sinceLastFit = previous == null || previous.samples() >= measured.size()
                ? previous == null ? null : previous.sinceLastFit()
                : accuracy(
                        Arrays.copyOfRange(latency, previous.samples(), latency.length),
                        previous.predictor()
                                .predictLatencies(Arrays.copyOfRange(features, previous.samples(), features.length)));
        Accuracy leaveOneOut = heldOut == null ? null : accuracy(latency, heldOut);
        return new Fit(predictor, space, meta.version(), measured.size(), clock.instant(), leaveOneOut, sinceLastFit);
    }

    private static SpaceConfig parse(SearchSpace space, MeasuredConfig measured) {
        return switch (space.check(measured.config())) {
            case ConfigCheck.Valid valid -> valid.config();
            case ConfigCheck.Invalid invalid ->
                throw new IllegalStateException(
                        "stored config " + measured.measurementId() + " rejected: " + invalid.problems());
        };
    }

    private static Accuracy accuracy(double[] measured, double[] predicted) {
        return new Accuracy(
                measured.length,
                Metrics.mape(measured, predicted),
                measured.length < 3 ? null : Metrics.spearman(measured, predicted));
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalStateException("a ready device lacks a reference measurement");
        }
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

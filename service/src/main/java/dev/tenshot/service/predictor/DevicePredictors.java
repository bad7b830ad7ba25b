package dev.tenshot.service.predictor;

import dev.tenshot.predictor.DevicePredictor;
import dev.tenshot.predictor.Metrics;
import dev.tenshot.predictor.PeakMemoryModel;
import dev.tenshot.predictor.Predictions;
import dev.tenshot.service.device.DeviceProblems;
import dev.tenshot.service.device.DeviceRemoved;
import dev.tenshot.service.device.DeviceResponse;
import dev.tenshot.service.device.DeviceService;
import dev.tenshot.service.device.DeviceStatus;
import dev.tenshot.service.measurement.MeasuredConfig;
import dev.tenshot.service.measurement.MeasurementQueries;
import dev.tenshot.service.space.SpaceConfigs;
import dev.tenshot.service.task.ReferenceTasks;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SearchSpaces;
import dev.tenshot.space.SpaceConfig;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;

/**
 * Each ready device's own predictor: the space's meta-model adapted to all the device's measurements. Fitted when
 * first asked for after the tenth reference measurement lands; later, a request that finds new measurements (or a
 * new meta-model version) is served from the last fit while a refit runs in the background, at most one per device
 * at a time. A refit is a p x p system in the features whatever the number of measurements, with leave-one-out in
 * closed form. Before a refit replaces a fit, the old fit is scored on the measurements it had not seen: the honest
 * error of a predictor on new data.
 */
@Service
public class DevicePredictors {

    private static final Logger log = LoggerFactory.getLogger(DevicePredictors.class);

    private final DeviceService devices;
    private final MeasurementQueries measurements;
    private final MetaModels metaModels;

    /**
     * Predicting is CPU work on virtual threads, which are not time-sliced: unbounded, 32 requests at once keep every
     * carrier busy, and a request that parks for the next chunk of its body rejoins the back of the queue each time
     * (`docs/benchmarks.md`, Load). One request per core computes at a time; the others wait here, parked, in
     * arrival order, while requests still reading their bodies get a carrier at once.
     */
    private final Semaphore computing = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    private final ReferenceTasks referenceTasks;
    private final SearchSpaces spaces;
    private final PredictorMetrics metrics;
    private final Clock clock;
    private final Map<UUID, Fit> fits = new ConcurrentHashMap<>();
    private final Map<UUID, CompletableFuture<Fit>> refitting = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newFixedThreadPool(
            2, Thread.ofPlatform().name("device-refit-", 0).daemon().factory());

    DevicePredictors(
            DeviceService devices,
            MeasurementQueries measurements,
            MetaModels metaModels,
            ReferenceTasks referenceTasks,
            SearchSpaces spaces,
            PredictorMetrics metrics,
            Clock clock) {
        this.devices = devices;
        this.measurements = measurements;
        this.metaModels = metaModels;
        this.referenceTasks = referenceTasks;
        this.spaces = spaces;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A device's fitted predictor with what it was fitted on.
     *
     * @param samples measurements the predictor was fitted on
     * @param measurementsSeen measurements stored when the fit started (contended ones among them, which it leaves
     *     out): a later count above this means the fit is behind
     * @param referenceSetVersion the version of the space's reference set the device was onboarded with (null: a set
     *     this release does not know)
     * @param refitMillis wall time of the fit
     * @param accuracy leave-one-out on the device's samples (an even spread of 1,000 of them when it has more)
     * @param sinceLastFit the previous fit's error on the measurements that arrived after it (null before any)
     * @param fixedStages the stages that do not depend on the config, as measured (null: the device's agent times end
     *     to end only)
     * @param peakMemory peak memory by the denoiser's size (parameters and largest activation working set), fitted
     *     to the measured peaks (null: too few measured, or a space without those counts)
     */
    public record Fit(
            DevicePredictor predictor,
            SearchSpace space,
            long metaModelVersion,
            int samples,
            long measurementsSeen,
            @Nullable Integer referenceSetVersion,
            Instant fittedAt,
            long refitMillis,
            Accuracy accuracy,
            @Nullable Accuracy sinceLastFit,
            @Nullable FixedStages fixedStages,
            @Nullable PeakMemoryModel peakMemory) {

        /** A config's peak memory from {@link #peakMemory}; null without one. */
        public @Nullable MemoryEstimate peakMemoryOf(SpaceConfig config) {
            if (peakMemory == null || !(space instanceof MmditPruningSpace mmdit)) {
                return null;
            }
            MmditConfig mmditConfig = mmdit.cast(config);
            double parameters = mmdit.costs().denoiserParameters(mmditConfig);
            double activations = mmdit.costs().peakActivationValues(mmditConfig);
            return new MemoryEstimate(
                    peakMemory.predictedBytes(parameters, activations), peakMemory.boundBytes(parameters, activations));
        }
    }

    /** @param boundBytes the fit plus its margin: what a budget is checked against */
    public record MemoryEstimate(double predictedBytes, double boundBytes) {}

    /** @param spearman null below three samples, where a rank correlation says nothing */
    public record Accuracy(
            int samples, double mapePercent, @Nullable Double spearman) {}

    /** Predictions for configs of the device's space, in request order, from the fit they came from. */
    public record Predicted(Fit fit, List<SpaceConfig> configs, Predictions latencies) {}

    /**
     * Predicts the configs' latencies on the device from its last fit ({@link #fitFor}); an {@code invalid-config}
     * problem lists every config its space rejects.
     */
    public Predicted predict(UUID deviceId, List<JsonNode> configs) {
        Fit fit = fitFor(deviceId);
        computing.acquireUninterruptibly();
        try {
            List<SpaceConfig> checked = SpaceConfigs.checkAll(fit.space(), configs);
            double[][] features =
                    checked.stream().map(c -> fit.space().features(c)).toArray(double[][]::new);
            return new Predicted(fit, checked, fit.predictor().predict(features));
        } finally {
            computing.release();
        }
    }

    /**
     * The device's last fit; if measurements or the meta-model changed since, a background refit is started and the
     * last fit is still served. Waits only for a device's first fit (or one after a meta-model change).
     *
     * @throws dev.tenshot.service.api.ProblemException {@code device-not-ready} for a device that is still calibrating
     */
    public Fit fitFor(UUID deviceId) {
        var target = target(deviceId);
        Fit last = fits.get(deviceId);
        if (last != null && last.metaModelVersion() == target.meta().version()) {
            if (last.measurementsSeen() < target.count()) {
                refit(deviceId, target);
            }
            return last;
        }
        return join(refit(deviceId, target));
    }

    /**
     * A fit that covers every measurement of the device stored before this call (waiting for it if need be): what a
     * verification round refits from, where a prediction request takes the last fit.
     *
     * @throws dev.tenshot.service.api.ProblemException {@code device-not-ready} for a device that is still calibrating
     */
    public Fit freshFitFor(UUID deviceId) {
        var target = target(deviceId);
        while (true) {
            Fit last = fits.get(deviceId);
            if (last != null
                    && last.metaModelVersion() == target.meta().version()
                    && last.measurementsSeen() >= target.count()) {
                return last;
            }
            // A refit already running may have started before the newest measurements: wait, then look again.
            join(refit(deviceId, target));
        }
    }

    private record Target(SearchSpace space, MetaModels.Versioned meta, long count) {}

    private Target target(UUID deviceId) {
        DeviceResponse device = devices.find(deviceId);
        if (device.status() != DeviceStatus.READY) {
            throw DeviceProblems.notReady(deviceId, device.status(), "predictions need");
        }
        SearchSpace space = spaces.find(device.space()).orElseThrow();
        var meta = metaModels
                .current(space.name())
                .orElseThrow(() -> metaModels.isTraining(space.name())
                        ? PredictorProblems.metaModelTraining(space.name())
                        : PredictorProblems.noMetaModel(
                                space.name(), "fewer than three source devices; calibrate more devices, then retrain"));
        return new Target(space, meta, measurements.stored(deviceId, space.name()));
    }

    /** The running refit of the device, or a new one: never two of one device at once. */
    private CompletableFuture<Fit> refit(UUID deviceId, Target target) {
        var mine = new CompletableFuture<Fit>();
        CompletableFuture<Fit> running = refitting.putIfAbsent(deviceId, mine);
        if (running != null) {
            return running;
        }
        Runnable work = () -> {
            try {
                Fit fit = fit(deviceId, target);
                fits.put(deviceId, fit);
                metrics.update(fits);
                refitting.remove(deviceId, mine); // before completing: whoever wakes up sees the new fit
                mine.complete(fit);
            } catch (RuntimeException | Error e) {
                log.warn("refit of device {} failed", deviceId, e);
                refitting.remove(deviceId, mine);
                mine.completeExceptionally(e);
            }
        };
        try {
            background.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException e) { // shutting down
            refitting.remove(deviceId, mine);
            mine.completeExceptionally(e);
        }
        return mine;
    }

    private static Fit join(CompletableFuture<Fit> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Fit fit(UUID deviceId, Target target) {
        long started = System.nanoTime();
        SearchSpace space = target.space();
        long seen = measurements.stored(deviceId, space.name());
        List<SpaceConfig> references = referenceTasks.configsOf(deviceId).stream()
                .map(config -> parse(space, config, "reference config of device " + deviceId))
                .toList();
        if (references.isEmpty()) {
            references = space.referenceConfigs();
        }
        List<MeasuredConfig> measured = measurements.of(
                deviceId,
                space.name(),
                references.stream().map(SpaceConfig::contentHash).collect(Collectors.toSet()));
        double[][] features = new double[measured.size()][];
        double[] latency = new double[measured.size()];
        var configs = new ArrayList<SpaceConfig>(measured.size());
        Map<String, List<Double>> byHash = new HashMap<>();
        for (int i = 0; i < measured.size(); i++) {
            MeasuredConfig m = measured.get(i);
            configs.add(parse(space, m.config(), "measurement " + m.measurementId()));
            features[i] = space.features(configs.get(i));
            latency[i] = m.endToEndMs();
            byHash.computeIfAbsent(m.configHash(), h -> new ArrayList<>()).add(m.endToEndMs());
        }
        double[][] referenceFeatures = references.stream().map(space::features).toArray(double[][]::new);
        double[] reference = references.stream()
                .mapToDouble(c -> median(byHash.getOrDefault(c.contentHash(), List.of())))
                .toArray();
        DevicePredictor predictor = target.meta().model().adapt(referenceFeatures, reference, features, latency);
        Fit previous = fits.get(deviceId);
        Accuracy sinceLastFit = previous == null || previous.samples() >= measured.size()
                ? previous == null ? null : previous.sinceLastFit()
                : accuracy(
                        Arrays.copyOfRange(latency, previous.samples(), latency.length),
                        previous.predictor()
                                .predictLatencies(Arrays.copyOfRange(features, previous.samples(), features.length)));
        long millis = (System.nanoTime() - started) / 1_000_000;
        metrics.fitted(Duration.ofMillis(millis));
        log.debug("refitted device {} on {} measurements in {} ms", deviceId, measured.size(), millis);
        return new Fit(
                predictor,
                space,
                target.meta().version(),
                measured.size(),
                seen,
                space.referenceSetVersion(references.stream()
                                .map(SpaceConfig::contentHash)
                                .toList())
                        .orElse(null),
                clock.instant(),
                millis,
                accuracy(predictor.heldOut().at(latency), predictor.heldOut().predictedMs()),
                sinceLastFit,
                FixedStages.of(measured).orElse(null),
                peakMemory(space, measured, configs).orElse(null));
    }

    /** Peak memory by the denoiser's size, from the measurements (and their parsed configs) that report a peak. */
    private static Optional<PeakMemoryModel> peakMemory(
            SearchSpace space, List<MeasuredConfig> measured, List<SpaceConfig> configs) {
        if (!(space instanceof MmditPruningSpace mmdit)) {
            return Optional.empty();
        }
        var parameters = new ArrayList<Double>();
        var activations = new ArrayList<Double>();
        var peaks = new ArrayList<Double>();
        for (int i = 0; i < measured.size(); i++) {
            Long peak = measured.get(i).peakMemoryBytes();
            if (peak != null) {
                MmditConfig config = mmdit.cast(configs.get(i));
                parameters.add((double) mmdit.costs().denoiserParameters(config));
                activations.add(mmdit.costs().peakActivationValues(config));
                peaks.add(peak.doubleValue());
            }
        }
        return PeakMemoryModel.fit(array(parameters), array(activations), array(peaks));
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A removed device is never fitted again: its fit and gauges go once the removal commits. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void forget(DeviceRemoved removed) {
        fits.remove(removed.deviceId());
        metrics.update(fits);
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    private static SpaceConfig parse(SearchSpace space, JsonNode config, String what) {
        return switch (space.check(config)) {
            case ConfigCheck.Valid valid -> valid.config();
            case ConfigCheck.Invalid invalid ->
                throw new IllegalStateException("stored " + what + " rejected: " + invalid.problems());
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

package dev.tenshot.service.predictor;

import dev.tenshot.predictor.LatencyDataset;
import dev.tenshot.predictor.MetaModel;
import dev.tenshot.predictor.ModelFile;
import dev.tenshot.predictor.PredictorSettings;
import dev.tenshot.predictor.SourceDevice;
import dev.tenshot.predictor.TrainingSet;
import dev.tenshot.predictor.TrainingSources;
import dev.tenshot.service.device.DeviceResponse;
import dev.tenshot.service.device.DeviceService;
import dev.tenshot.service.measurement.MeasuredConfig;
import dev.tenshot.service.measurement.MeasurementQueries;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SearchSpaces;
import dev.tenshot.space.SpaceConfig;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The meta-model of each space, trained from what the service ships with (a dataset per space under {@code
 * predictor/<space>/} on the class path: the simulated device zoo for the MMDiT space) and the calibrated devices in
 * the database that have measured enough configs to fit a device model of their own (twice the features plus one;
 * a device with only its ten references is a target, not a source). Trained at start-up, or loaded when the newest stored version was trained on the same data
 * (same fingerprint); retrained on demand. Every version is stored with its provenance.
 */
@Service
public class MetaModels {

    private static final Logger log = LoggerFactory.getLogger(MetaModels.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SearchSpaces spaces;
    private final DeviceService devices;
    private final MeasurementQueries measurements;
    private final MetaModelRepository stored;
    private final PredictorMetrics metrics;
    private final Clock clock;
    private final Map<String, Versioned> current = new ConcurrentHashMap<>();
    private final Set<String> training = ConcurrentHashMap.newKeySet();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "meta-model-training");
        thread.setDaemon(true);
        return thread;
    });

    MetaModels(
            SearchSpaces spaces,
            DeviceService devices,
            MeasurementQueries measurements,
            MetaModelRepository stored,
            PredictorMetrics metrics,
            Clock clock) {
        this.spaces = spaces;
        this.devices = devices;
        this.measurements = measurements;
        this.stored = stored;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A meta-model and the version it is stored under. */
    public record Versioned(MetaModel model, long version) {}

    /**
     * At start-up each space's newest stored meta-model serves at once (replicas share the stored versions), and the
     * model is retrained in the background if the data changed; a space with none stored trains before it can
     * predict. A restart used to answer predictions "fewer than three source devices" for the ~40 s of retraining.
     */
    @EventListener(ApplicationReadyEvent.class)
    void loadOrTrainAtStartUp() {
        for (SearchSpace space : spaces.all()) {
            if (loadNewest(space.name())) {
                background.execute(() -> trainLogged(space.name()));
            } else {
                trainLogged(space.name());
            }
        }
    }

    @PreDestroy
    void stopTraining() {
        background.shutdownNow();
    }

    private boolean loadNewest(String spaceName) {
        Optional<MetaModelRecord> latest = stored.findFirstBySpaceOrderByIdDesc(spaceName);
        if (latest.isEmpty()) {
            return false;
        }
        try {
            current.put(
                    spaceName,
                    new Versioned(
                            ModelFile.fromJson(latest.get().model().toString()),
                            latest.get().version()));
            log.info(
                    "serving stored meta-model v{} for {} while checking it against the data",
                    latest.get().version(),
                    spaceName);
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "stored meta-model v{} for {} is unreadable ({}); training anew",
                    latest.get().version(),
                    spaceName,
                    e.toString());
            return false;
        }
    }

    private void trainLogged(String spaceName) {
        try {
            train(spaceName);
        } catch (RuntimeException e) {
            log.warn("no meta-model for space {}: {}", spaceName, e.getMessage());
        }
    }

    /** Whether the space's meta-model is being trained now (its first, or a newer one). */
    public boolean isTraining(String space) {
        return training.contains(space);
    }

    public Optional<Versioned> current(String space) {
        return Optional.ofNullable(current.get(space));
    }

    /**
     * Trains the space's meta-model on what is known now, or loads the stored one if the data has not changed.
     *
     * @throws IllegalStateException with fewer than three source devices
     */
    public synchronized Versioned train(String spaceName) {
        training.add(spaceName);
        try {
            return trainNow(spaceName);
        } finally {
            training.remove(spaceName);
        }
    }

    private Versioned trainNow(String spaceName) {
        SearchSpace space = spaces.find(spaceName).orElseThrow(() -> new IllegalArgumentException(spaceName));
        TrainingSet data = trainingSet(space);
        if (data.devices().size() < 3) {
            throw new IllegalStateException("needs at least 3 source devices (calibrated devices or a shipped"
                    + " dataset): has " + data.devices().size());
        }
        PredictorSettings settings = settings(spaceName);
        // The same data under other settings (or another release's model format) is another model.
        String fingerprint = sha256(data.fingerprint() + " " + settings + " format " + ModelFile.FORMAT);
        Optional<MetaModelRecord> latest = stored.findFirstBySpaceOrderByIdDesc(spaceName);
        Versioned versioned;
        if (latest.isPresent() && latest.get().fingerprint().equals(fingerprint)) {
            versioned = new Versioned(
                    ModelFile.fromJson(latest.get().model().toString()),
                    latest.get().version());
            log.info("loaded meta-model v{} for {} (data unchanged)", versioned.version(), spaceName);
        } else {
            long started = System.nanoTime();
            MetaModel model = MetaModel.train(data, settings, spaceName, clock.instant());
            metrics.trained(Duration.ofNanos(System.nanoTime() - started));
            var record = stored.save(new MetaModelRecord(
                    spaceName,
                    fingerprint,
                    data.devices().size(),
                    model.provenance().samples(),
                    JSON.readTree(ModelFile.toJson(model)),
                    clock.instant()));
            versioned = new Versioned(model, record.version());
            log.info(
                    "trained meta-model v{} for {} on {} source devices, {} samples",
                    versioned.version(),
                    spaceName,
                    data.devices().size(),
                    model.provenance().samples());
        }
        current.put(spaceName, versioned);
        return versioned;
    }

    /** Rows: the reference configs first, then every other config measured by a source device, by content hash. */
    private TrainingSet trainingSet(SearchSpace space) {
        var rows = new Rows(space);
        for (SpaceConfig reference : space.referenceConfigs()) {
            rows.rowOf(reference);
        }
        List<SourceDevice> sources = new ArrayList<>();
        shipped(space.name()).ifPresent(dataset -> sources.addAll(shippedDevices(dataset, rows)));
        int[] reference = new int[space.referenceConfigs().size()];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = i;
        }
        for (DeviceResponse device : devices.readyIn(space.name())) {
            List<MeasuredConfig> measured = measurements.of(device.id(), space.name());
            int[] deviceRows = new int[measured.size()];
            double[] latency = new double[measured.size()];
            for (int i = 0; i < measured.size(); i++) {
                deviceRows[i] = rows.rowOf(measured.get(i).config());
                latency[i] = measured.get(i).endToEndMs();
            }
            var source = new SourceDevice(device.id().toString(), deviceRows, latency);
            switch (TrainingSources.judge(source, space.featureNames().size(), reference)) {
                case SOURCE -> sources.add(source);
                case TOO_FEW_SAMPLES ->
                    log.debug(
                            "device {} is not a source for {} yet: {} of {} measurements",
                            device.id(),
                            space.name(),
                            measured.size(),
                            TrainingSources.minimumSamples(space.featureNames().size()));
                case UNINFORMATIVE ->
                    log.warn(
                            "device {} left out of the {} meta-model: its reference latencies barely differ",
                            device.id(),
                            space.name());
            }
        }
        return new TrainingSet(space.featureNames(), rows.features(), reference, sources);
    }

    /** The shipped dataset's source devices (its meta_train and meta_valid devices; meta_test ones are kept out). */
    private static List<SourceDevice> shippedDevices(LatencyDataset dataset, Rows rows) {
        int[] rowOfArch = new int[dataset.archIds().size()];
        for (int a = 0; a < rowOfArch.length; a++) {
            rowOfArch[a] = -1;
        }
        List<SourceDevice> sources = new ArrayList<>();
        for (String device : dataset.measurements().keySet()) {
            if (LatencyDataset.META_TEST.equals(dataset.splits().get(device))) {
                continue;
            }
            SourceDevice measured = dataset.measurements().get(device);
            int[] deviceRows = new int[measured.rows().length];
            for (int i = 0; i < deviceRows.length; i++) {
                int arch = measured.rows()[i];
                if (rowOfArch[arch] < 0) {
                    rowOfArch[arch] = rows.rowOf(dataset.archStrings().get(arch));
                }
                deviceRows[i] = rowOfArch[arch];
            }
            sources.add(new SourceDevice(device, deviceRows, measured.latencyMs()));
        }
        return sources;
    }

    /**
     * The settings chosen on the shipped dataset's meta_valid devices ({@code predictor-settings.json}, written by
     * {@code scripts/evaluate-predictor --settings-out}), else the defaults (chosen on NAS-Bench-201's).
     */
    private PredictorSettings settings(String space) {
        var in = MetaModels.class.getResourceAsStream("/predictor/" + space + "/predictor-settings.json");
        if (in == null) {
            return PredictorSettings.defaults();
        }
        try (in) {
            return JSON.readValue(in, PredictorSettings.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the predictor settings of " + space, e);
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }

    private Optional<LatencyDataset> shipped(String space) {
        String base = "/predictor/" + space + "/";
        if (getClass().getResource(base + "archs.csv") == null) {
            return Optional.empty();
        }
        return Optional.of(LatencyDataset.read(name -> MetaModels.class.getResourceAsStream(base + name)));
    }

    /** Configs as rows of the feature matrix, one per content hash. */
    private static final class Rows {
        private final SearchSpace space;
        private final Map<String, Integer> byHash = new HashMap<>();
        private final List<double[]> features = new ArrayList<>();

        Rows(SearchSpace space) {
            this.space = space;
        }

        int rowOf(String configJson) {
            return rowOf(JSON.readTree(configJson));
        }

        int rowOf(tools.jackson.databind.JsonNode configJson) {
            return switch (space.check(configJson)) {
                case ConfigCheck.Valid valid -> rowOf(valid.config());
                case ConfigCheck.Invalid invalid ->
                    throw new IllegalStateException(
                            "stored config rejected by " + space.name() + ": " + invalid.problems());
            };
        }

        int rowOf(SpaceConfig config) {
            return byHash.computeIfAbsent(config.contentHash(), hash -> {
                features.add(space.features(config));
                return features.size() - 1;
            });
        }

        double[][] features() {
            return features.toArray(double[][]::new);
        }
    }
}

package dev.tenshot.tools.evaluation;

import dev.tenshot.agent.runner.MeasurementTask;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.sim.SimRunner;
import dev.tenshot.predictor.DevicePredictor;
import dev.tenshot.predictor.LatencyDataset;
import dev.tenshot.predictor.MetaModel;
import dev.tenshot.predictor.Metrics;
import dev.tenshot.predictor.PeakMemoryModel;
import dev.tenshot.predictor.PredictorSettings;
import dev.tenshot.predictor.SourceDevice;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which latency a device's predictor should learn: end to end, or the denoiser's calls alone with the device's
 * fixed stages (text encoder, image generator, decoders, super-resolution) added back as measured. Decided on the
 * {@code meta_valid} devices of the MMDiT dataset, whose simulated runs report every stage: the sim runner is run
 * again over the dataset's configs (same seed, so the same end-to-end latencies) to get each stage.
 *
 * <p>Both ways are scored on end-to-end latency, over the dataset's query configs and over the corners a search
 * drives to, with the device's ten reference measurements only: rank correlation, MAPE, and the share of configs
 * whose measured latency exceeds the 95% upper bound a search checks its budget against. And each device's peak memory
 * model, fitted to the same ten measurements' simulated peaks, on the corners.
 */
@Command(name = "evaluate-staged-prediction", mixinStandardHelpOptions = true, sortOptions = false)
public final class EvaluateStagedPrediction implements Callable<Integer> {

    private static final String SIM_PREFIX = "sim:";
    private static final long SIM_SEED = 7;
    private static final double SEARCH_CONFIDENCE = 0.95;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameters(index = "0", description = "The MMDiT dataset directory (datasets/mmdit)")
    private Path dataset = Path.of("datasets/mmdit");

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds to repeat over (default ${DEFAULT-VALUE})")
    private int seeds;

    private final PrintStream out;

    EvaluateStagedPrediction(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EvaluateStagedPrediction(System.out)).execute(args));
    }

    /** A simulated device's stages on every row: end to end, the denoiser's calls summed, and the peak memory. */
    record Stages(double[] endToEndMs, double[] denoiserMs, double[] peakBytes) {}

    /** How a device's end-to-end latency is predicted. */
    enum Target {
        END_TO_END,
        DENOISER_PLUS_FIXED
    }

    record Scores(double spearman, double mape, double overBound) {}

    @Override
    public Integer call() throws Exception {
        var data = LatencyDataset.read(dataset);
        var settings =
                JSON.readValue(Files.readString(dataset.resolve("predictor-settings.json")), PredictorSettings.class);
        var space = MmditPruningSpace.neodragon();
        Map<String, Stages> stages = simulate(data, space);
        LatencyDataset denoiserData = withLatencies(data, stages);

        List<String> train = data.devicesIn(LatencyDataset.META_TRAIN);
        List<String> valid = data.devicesIn(LatencyDataset.META_VALID);
        int[] all = queryRows(data, "query.csv");
        int[] corners = queryRows(data, "query-corners.csv");
        out.printf(
                "meta_train %d simulated devices, meta_valid %s; %d query configs, %d of them corners%n",
                train.size(), valid, all.length, corners.length);
        for (String device : valid) {
            Stages s = Objects.requireNonNull(stages.get(device));
            double[] share = new double[all.length];
            for (int i = 0; i < all.length; i++) {
                share[i] = 1 - s.denoiserMs()[all[i]] / s.endToEndMs()[all[i]];
            }
            out.printf(
                    Locale.ROOT,
                    "  %-30s fixed stages are %.0f%%-%.0f%% of end to end%n",
                    device,
                    100 * Arrays.stream(share).min().orElseThrow(),
                    100 * Arrays.stream(share).max().orElseThrow());
        }

        Map<Target, List<Scores>> allScores = new LinkedHashMap<>();
        Map<Target, List<Scores>> cornerScores = new LinkedHashMap<>();
        for (Target target : Target.values()) {
            LatencyDataset trainOn = target == Target.END_TO_END ? data : denoiserData;
            for (int seed = 1; seed <= seeds; seed++) {
                var model = MetaModel.train(
                        trainOn.trainingSet(train), settings.withSeed(seed), "staged-" + target, Instant.EPOCH);
                for (String device : valid) {
                    Stages s = Objects.requireNonNull(stages.get(device));
                    allScores.computeIfAbsent(target, t -> new ArrayList<>()).add(score(target, model, data, s, all));
                    cornerScores
                            .computeIfAbsent(target, t -> new ArrayList<>())
                            .add(score(target, model, data, s, corners));
                }
            }
        }
        out.printf("%-22s %-8s %9s %8s %14s%n", "target", "configs", "spearman", "mape%", "over 95% bound");
        for (Target target : Target.values()) {
            print(target, "query", mean(allScores, target));
            print(target, "corners", mean(cornerScores, target));
        }
        double[] peak = peakMemory(data, space, stages, valid, corners);
        Scores e2e = mean(allScores, Target.END_TO_END);
        Scores staged = mean(allScores, Target.DENOISER_PLUS_FIXED);
        Scores e2eCorners = mean(cornerScores, Target.END_TO_END);
        Scores stagedCorners = mean(cornerScores, Target.DENOISER_PLUS_FIXED);
        out.printf(
                Locale.ROOT,
                "staged valid_spearman_e2e=%.4f valid_spearman_staged=%.4f valid_mape_e2e=%.2f valid_mape_staged=%.2f"
                        + " corner_mape_e2e=%.2f corner_mape_staged=%.2f over_bound_e2e=%.3f over_bound_staged=%.3f"
                        + " peak_mape=%.2f peak_over_bound=%.3f devices=%d seeds=%d%n",
                e2e.spearman(),
                staged.spearman(),
                e2e.mape(),
                staged.mape(),
                e2eCorners.mape(),
                stagedCorners.mape(),
                e2eCorners.overBound(),
                stagedCorners.overBound(),
                peak[0],
                peak[1],
                valid.size(),
                seeds);
        return 0;
    }

    /**
     * The peak memory model of each meta_valid device fitted to its ten reference measurements, scored on the corners:
     * its mean absolute percentage error, and the share of corners whose simulated peak exceeds the bound a peak
     * memory budget is checked against. Answers both, averaged over the devices.
     */
    private double[] peakMemory(
            LatencyDataset data, MmditPruningSpace space, Map<String, Stages> stages, List<String> valid, int[] rows) {
        double[] parameters = new double[data.features().length];
        double[] activations = new double[data.features().length];
        for (int row = 0; row < parameters.length; row++) {
            var config = (ConfigCheck.Valid)
                    space.check(JSON.readTree(data.archStrings().get(row)));
            parameters[row] = space.costs().denoiserParameters(space.cast(config.config()));
            activations[row] = space.costs().peakActivationValues(space.cast(config.config()));
        }
        int[] references = data.referenceRows();
        double mape = 0;
        double over = 0;
        for (String device : valid) {
            double[] peak = Objects.requireNonNull(stages.get(device)).peakBytes();
            var model = PeakMemoryModel.fit(
                            Arrays.stream(references)
                                    .mapToDouble(r -> parameters[r])
                                    .toArray(),
                            Arrays.stream(references)
                                    .mapToDouble(r -> activations[r])
                                    .toArray(),
                            Arrays.stream(references).mapToDouble(r -> peak[r]).toArray())
                    .orElseThrow();
            double[] measured = Arrays.stream(rows).mapToDouble(r -> peak[r]).toArray();
            double[] predicted = Arrays.stream(rows)
                    .mapToDouble(r -> model.predictedBytes(parameters[r], activations[r]))
                    .toArray();
            long beyond = Arrays.stream(rows)
                    .filter(r -> peak[r] > model.boundBytes(parameters[r], activations[r]))
                    .count();
            out.printf(
                    Locale.ROOT,
                    "  %-30s peak memory %.2f GB + %.2f bytes per parameter + %.2f per activation (+ %.3f GB margin):"
                            + " corners MAPE %.2f%%, %d of %d over the bound%n",
                    device,
                    model.interceptBytes() / 1e9,
                    model.bytesPerParameter(),
                    model.bytesPerActivation(),
                    model.marginBytes() / 1e9,
                    Metrics.mape(measured, predicted),
                    beyond,
                    rows.length);
            mape += Metrics.mape(measured, predicted) / valid.size();
            over += (double) beyond / rows.length / valid.size();
        }
        return new double[] {mape, over};
    }

    /** End-to-end scores of one way of predicting, from the device's ten reference measurements only. */
    static Scores score(Target target, MetaModel model, LatencyDataset data, Stages device, int[] rows) {
        int[] references = data.referenceRows();
        double[][] referenceFeatures =
                Arrays.stream(references).mapToObj(r -> data.features()[r]).toArray(double[][]::new);
        double[] learned = target == Target.END_TO_END ? device.endToEndMs() : device.denoiserMs();
        double[] referenceMs =
                Arrays.stream(references).mapToDouble(r -> learned[r]).toArray();
        // The fixed stages as a device reports them: the median of its reference measurements' end to end minus
        // their denoiser calls.
        double fixedMs = target == Target.END_TO_END
                ? 0
                : Metrics.quantile(
                        Arrays.stream(references)
                                .mapToDouble(r -> device.endToEndMs()[r] - device.denoiserMs()[r])
                                .toArray(),
                        0.5);
        DevicePredictor predictor = model.adapt(referenceFeatures, referenceMs, referenceFeatures, referenceMs);
        double[][] features =
                Arrays.stream(rows).mapToObj(r -> data.features()[r]).toArray(double[][]::new);
        double[] predicted = predictor.predictLatencies(features);
        double[] bound = predictor.upperBoundMs(features, SEARCH_CONFIDENCE);
        double[] measured =
                Arrays.stream(rows).mapToDouble(r -> device.endToEndMs()[r]).toArray();
        int over = 0;
        for (int i = 0; i < rows.length; i++) {
            predicted[i] += fixedMs;
            bound[i] += fixedMs;
            if (measured[i] > bound[i]) {
                over++;
            }
        }
        return new Scores(
                Metrics.spearman(measured, predicted), Metrics.mape(measured, predicted), (double) over / rows.length);
    }

    /** Runs every simulated device of the dataset over every config, checking end to end against the dataset. */
    private Map<String, Stages> simulate(LatencyDataset data, MmditPruningSpace space) {
        Map<String, Stages> stages = new LinkedHashMap<>();
        double worstDifference = 0;
        for (String device : data.measurements().keySet()) {
            if (!device.startsWith(SIM_PREFIX)) {
                continue;
            }
            SimRunner runner = SimRunner.of(device.substring(SIM_PREFIX.length()), SIM_SEED);
            double[] stored = data.latencyByRow(device);
            int rows = data.features().length;
            double[] endToEnd = new double[rows];
            double[] denoiser = new double[rows];
            double[] peak = new double[rows];
            for (int row = 0; row < rows; row++) {
                var valid = (ConfigCheck.Valid)
                        space.check(JSON.readTree(data.archStrings().get(row)));
                var task = new MeasurementTask(
                        row, space.name(), space.cast(valid.config()).toJson());
                switch (runner.run(task)) {
                    case RunOutcome.Measured m -> {
                        endToEnd[row] = m.latency().endToEndMs();
                        denoiser[row] = Objects.requireNonNull(m.latency().denoiserCallsMs()).stream()
                                .mapToDouble(Double::doubleValue)
                                .sum();
                        peak[row] = Objects.requireNonNull(m.peakMemoryBytes());
                    }
                    case RunOutcome.Failed f -> {
                        endToEnd[row] = Double.NaN;
                        denoiser[row] = Double.NaN;
                        peak[row] = Double.NaN;
                    }
                }
                if (!Double.isNaN(stored[row])) {
                    worstDifference = Math.max(worstDifference, Math.abs(endToEnd[row] / stored[row] - 1));
                }
            }
            stages.put(device, new Stages(endToEnd, denoiser, peak));
        }
        out.printf(
                Locale.ROOT,
                "simulated %d devices again: end to end within %.1e of the dataset's%n",
                stages.size(),
                worstDifference);
        if (worstDifference > 1e-3) {
            throw new IllegalStateException("the sim runner no longer reproduces the dataset: regenerate it first");
        }
        return stages;
    }

    /** The dataset with each simulated device's denoiser latencies in place of its end to end. */
    private static LatencyDataset withLatencies(LatencyDataset data, Map<String, Stages> stages) {
        Map<String, SourceDevice> measurements = new LinkedHashMap<>();
        data.measurements().forEach((name, device) -> {
            Stages s = stages.get(name);
            measurements.put(
                    name,
                    s == null
                            ? device
                            : new SourceDevice(
                                    name,
                                    device.rows(),
                                    Arrays.stream(device.rows())
                                            .mapToDouble(r -> s.denoiserMs()[r])
                                            .toArray()));
        });
        return new LatencyDataset(
                data.archIds(),
                data.archStrings(),
                data.featureNames(),
                data.features(),
                measurements,
                data.splits(),
                data.referenceRows(),
                data.queryRows());
    }

    private int[] queryRows(LatencyDataset data, String file) {
        return data.withQuery(dataset.resolve(file)).queryRows();
    }

    private static Scores mean(Map<Target, List<Scores>> byTarget, Target target) {
        List<Scores> scores = Objects.requireNonNull(byTarget.get(target));
        return new Scores(
                scores.stream().mapToDouble(Scores::spearman).average().orElseThrow(),
                scores.stream().mapToDouble(Scores::mape).average().orElseThrow(),
                scores.stream().mapToDouble(Scores::overBound).average().orElseThrow());
    }

    private void print(Target target, String configs, Scores s) {
        out.printf(
                Locale.ROOT,
                "%-22s %-8s %9.4f %8.2f %14.3f%n",
                target.name().toLowerCase(Locale.ROOT),
                configs,
                s.spearman(),
                s.mape(),
                s.overBound());
    }
}

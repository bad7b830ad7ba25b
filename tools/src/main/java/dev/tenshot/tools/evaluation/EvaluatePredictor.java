package dev.tenshot.tools.evaluation;

import dev.tenshot.predictor.Baselines;
import dev.tenshot.predictor.DevicePredictor;
import dev.tenshot.predictor.LatencyDataset;
import dev.tenshot.predictor.MetaModel;
import dev.tenshot.predictor.Metrics;
import dev.tenshot.predictor.Predictions;
import dev.tenshot.predictor.PredictorSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * HELP's evaluation protocol on any dataset in the generic format: meta-train on {@code meta_train} devices, choose
 * the settings on {@code meta_valid}, then for each {@code meta_test} device use its ten reference latencies only
 * and score the query architectures (trimmed to the device's 10th-90th latency percentile): Spearman, Kendall,
 * MAPE, share within +-10%, and the coverage of the 80% interval; over several seeds; beside the baselines.
 */
@Command(name = "evaluate-predictor", mixinStandardHelpOptions = true, sortOptions = false)
public final class EvaluatePredictor implements Callable<Integer> {

    /** HELP's published Spearman rho with 10 samples (HELP README, Table 3), for the devices it reports. */
    public static final Map<String, Double> HELP_PUBLISHED = Map.of(
            "titan_rtx_256",
            0.987,
            "gold_6226",
            0.989,
            "pixel2",
            0.802,
            "raspi4",
            0.890,
            "eyeriss",
            0.940,
            "fpga",
            0.985);

    private static final double[] NOISE_GRID = {1e-4, 3e-4, 1e-3, 3e-3, 1e-2};
    private static final double[] JITTER_GRID = {1e-5, 1e-4, 1e-3};
    private static final double[] TEMPERATURE_GRID = {0.1, 0.3};
    private static final int RESIDUAL_TREES = 200;
    private static final int SOURCE_TREES = 100;

    @Parameters(index = "0", description = "Dataset directory (archs.csv, latency.csv.gz, splits.csv, reference.csv)")
    Path dataset;

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds to repeat over (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(
            names = "--splits",
            description = "Another device,split file (a path, or a file name in the dataset directory) instead of"
                    + " splits.csv")
    @Nullable
    String splits;

    @Option(
            names = "--query",
            description = "Another arch_id file (a path, or a file name in the dataset directory) instead of query.csv")
    @Nullable
    String query;

    @Option(
            names = "--trim",
            defaultValue = "0.1,0.9",
            split = ",",
            description = "Latency quantiles of each test device's query kept for scoring (HELP's: ${DEFAULT-VALUE};"
                    + " 0,1 keeps the extremes, where a search goes)")
    double[] trim;

    @Option(
            names = "--settings-out",
            description = "Also write the settings chosen on meta_valid to this file (JSON; the service reads a"
                    + " dataset's predictor-settings.json)")
    @Nullable
    Path settingsOut;

    @Option(names = "--json", description = "Also write the results as JSON to this file")
    @Nullable
    Path json;

    private final PrintStream out;

    EvaluatePredictor(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EvaluatePredictor(System.out)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        var data = LatencyDataset.read(dataset);
        if (splits != null) {
            Path file = Files.exists(Path.of(splits)) ? Path.of(splits) : dataset.resolve(splits);
            data = data.withSplits(file);
        }
        if (query != null) {
            Path file = Files.exists(Path.of(query)) ? Path.of(query) : dataset.resolve(query);
            data = data.withQuery(file);
        }
        if (trim.length != 2 || !(trim[0] >= 0 && trim[0] < trim[1] && trim[1] <= 1)) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--trim needs LOW,HIGH with 0 <= LOW < HIGH <= 1");
        }
        List<String> train = data.devicesIn(LatencyDataset.META_TRAIN);
        List<String> valid = data.devicesIn(LatencyDataset.META_VALID);
        List<String> test = data.devicesIn(LatencyDataset.META_TEST);
        out.printf(
                "dataset %s: %d architectures, %d features; meta_train %s; meta_valid %s; meta_test %s%n",
                dataset, data.features().length, data.featureNames().size(), train, valid, test);

        PredictorSettings chosen = select(data, train, valid.isEmpty() ? train : valid);
        out.printf(
                "chosen on meta_valid: noise %.0e, prior jitter %.0e, part temperature %.1f, source trees %d, residual"
                        + " trees %d%n",
                chosen.noiseVariance(),
                chosen.priorJitter(),
                chosen.partTemperature(),
                chosen.sourceTrees(),
                chosen.residualTrees());

        if (settingsOut != null) {
            Files.writeString(
                    settingsOut,
                    JsonMapper.builder()
                                    .enable(SerializationFeature.INDENT_OUTPUT)
                                    .build()
                                    .writeValueAsString(chosen)
                            + "\n");
        }
        var baselines = new Baselines(data, train);
        Map<String, Map<String, List<Scores>>> results = new LinkedHashMap<>(); // method -> device -> per seed
        for (int seed = 1; seed <= seeds; seed++) {
            var model =
                    MetaModel.train(data.trainingSet(train), chosen.withSeed(seed), dataset.toString(), Instant.EPOCH);
            if (seed == 1) {
                out.printf(
                        "80%% interval: %.2f predictive sd (calibrated on held-out source devices)%n",
                        model.intervalScale());
            }
            for (String device : test) {
                var target = Target.of(data, device, trim);
                DevicePredictor predictor = adapt(model, data, target);
                Predictions predictions = predictor.predict(target.queryFeatures(data));
                if (seed == 1) {
                    out.printf("parts on %s: %s%n", device, describe(predictor.parts()));
                }
                record(results, "tenshot", device, Scores.of(target.measured(), predictions.latencyMs(), predictions));
                if (seed == 1) {
                    scoreBaseline(
                            results,
                            "cost proxy",
                            device,
                            target,
                            (ref, rows) -> baselines.costProxy(ref, rows).orElse(null));
                    scoreBaseline(results, "nearest source device", device, target, baselines::nearestDevice);
                    scoreBaseline(results, "ridge on sources", device, target, baselines::ridgeOnSources);
                }
                long s = seed;
                scoreBaseline(
                        results,
                        "xgboost on 10 samples",
                        device,
                        target,
                        (ref, rows) -> baselines.xgboostOnTenSamples(ref, rows, s));
            }
        }
        var summary = report(results, test);
        if (json != null) {
            var mapper = JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build();
            Files.writeString(
                    json,
                    mapper.writeValueAsString(Map.of(
                            "dataset", dataset.toString(),
                            "settings", chosen,
                            "seeds", seeds,
                            "results", summary)));
        }
        Summary ours = Objects.requireNonNull(summary.get("tenshot"));
        out.printf(
                "mean_spearman=%.4f mean_kendall=%.4f mean_mape=%.2f within10=%.1f devices=%d seeds=%d%n",
                ours.spearman(), ours.kendall(), ours.mape(), ours.within10(), test.size(), seeds);
        return 0;
    }

    /**
     * Grid over the prior's noise and jitter (linear only, parts weighed as pseudo-BMA), then how sharply the parts
     * are weighed, then with or without residual trees; by valid rho.
     */
    private PredictorSettings select(LatencyDataset data, List<String> train, List<String> valid) {
        Choice best = null;
        for (double noise : NOISE_GRID) {
            for (double jitter : JITTER_GRID) {
                best = Choice.better(
                        best,
                        score(
                                data,
                                train,
                                valid,
                                PredictorSettings.defaults().withSourceTrees(0).withNoise(noise, jitter)));
            }
        }
        for (double temperature : TEMPERATURE_GRID) {
            Choice current = Objects.requireNonNull(best);
            best = Choice.better(
                    current, score(data, train, valid, current.settings().withPartTemperature(temperature)));
        }
        Choice linear = Objects.requireNonNull(best);
        var sourceTrees = score(data, train, valid, linear.settings().withSourceTrees(SOURCE_TREES));
        out.printf(
                "meta_valid mean spearman: source devices linear %.4f, with %d trees each %.4f%n",
                linear.score(), SOURCE_TREES, sourceTrees.score());
        best = Choice.better(best, sourceTrees);
        var residualTrees = score(data, train, valid, best.settings().withResidualTrees(RESIDUAL_TREES));
        out.printf(
                "meta_valid mean spearman: linear %.4f, with %d residual trees %.4f%n",
                best.score(), RESIDUAL_TREES, residualTrees.score());
        return Choice.better(best, residualTrees).settings();
    }

    /** Settings and their mean meta_valid rho. */
    private record Choice(PredictorSettings settings, double score) {

        /** The candidate if it scores higher than {@code best} (or there is none yet), else best. */
        static Choice better(@Nullable Choice best, Choice candidate) {
            return best == null || candidate.score() > best.score() ? candidate : best;
        }
    }

    private Choice score(LatencyDataset data, List<String> train, List<String> valid, PredictorSettings settings) {
        return new Choice(settings, validScore(data, train, valid, settings));
    }

    private double validScore(LatencyDataset data, List<String> train, List<String> valid, PredictorSettings settings) {
        var model = MetaModel.train(data.trainingSet(train), settings, "selection", Instant.EPOCH);
        return valid.stream()
                .mapToDouble(device -> {
                    var target = Target.of(data, device, trim);
                    double[] predicted = adapt(model, data, target).predictLatencies(target.queryFeatures(data));
                    return Metrics.spearman(target.measured(), predicted);
                })
                .average()
                .orElseThrow();
    }

    /** The device's predictor from its ten references: the meta-model weighed against the simple parts. */
    private static DevicePredictor adapt(MetaModel model, LatencyDataset data, Target target) {
        double[][] referenceFeatures = Arrays.stream(data.referenceRows())
                .mapToObj(r -> data.features()[r])
                .toArray(double[][]::new);
        double[] reference = target.reference();
        return model.adapt(referenceFeatures, reference, referenceFeatures, reference);
    }

    /** Each part's weight and held-out error on the device's samples, e.g. {@code meta-model 0.81 (6.2%)}. */
    static String describe(List<DevicePredictor.Part> parts) {
        var text = new StringBuilder();
        for (DevicePredictor.Part part : parts) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(part.name())
                    .append(part.detail() == null ? "" : " [" + part.detail() + "]")
                    .append(String.format(" %.2f (%.1f%%)", part.weight(), part.heldOutMapePercent()));
        }
        return text.toString();
    }

    private static void scoreBaseline(
            Map<String, Map<String, List<Scores>>> results,
            String method,
            String device,
            Target target,
            BiFunction<double[], int[], double @Nullable []> baseline) {
        double[] predicted = baseline.apply(target.reference(), target.rows());
        if (predicted != null) {
            record(results, method, device, Scores.of(target.measured(), predicted, null));
        }
    }

    private static void record(Map<String, Map<String, List<Scores>>> results, String method, String device, Scores s) {
        results.computeIfAbsent(method, m -> new LinkedHashMap<>())
                .computeIfAbsent(device, d -> new ArrayList<>())
                .add(s);
    }

    private Map<String, Summary> report(Map<String, Map<String, List<Scores>>> results, List<String> test) {
        out.println();
        out.printf(
                "%-24s %-16s %8s %8s %8s %8s %8s %8s %10s%n",
                "method", "device", "rho", "rho_sd", "tau", "mape%", "within10", "cover80", "HELP_rho");
        Map<String, Summary> summaries = new LinkedHashMap<>();
        results.forEach((method, byDevice) -> {
            List<Summary> perDevice = new ArrayList<>();
            for (String device : test) {
                List<Scores> runs = byDevice.get(device);
                if (runs == null) {
                    continue;
                }
                var summary = Summary.of(runs);
                perDevice.add(summary);
                Double help = HELP_PUBLISHED.get(device);
                out.printf(
                        "%-24s %-16s %8.4f %8.4f %8.4f %8.2f %8.1f %8s %10s%n",
                        method,
                        device,
                        summary.spearman(),
                        summary.spearmanSd(),
                        summary.kendall(),
                        summary.mape(),
                        summary.within10(),
                        Double.isNaN(summary.coverage()) ? "-" : String.format("%.1f", summary.coverage()),
                        help == null ? "-" : String.format("%.3f", help));
            }
            var mean = Summary.mean(perDevice);
            summaries.put(method, mean);
            out.printf(
                    "%-24s %-16s %8.4f %8s %8.4f %8.2f %8.1f %8s%n%n",
                    method,
                    "MEAN",
                    mean.spearman(),
                    "",
                    mean.kendall(),
                    mean.mape(),
                    mean.within10(),
                    Double.isNaN(mean.coverage()) ? "-" : String.format("%.1f", mean.coverage()));
        });
        return summaries;
    }

    /** A test device: its reference latencies and the trimmed query rows with their measurements. */
    record Target(double[] reference, int[] rows, double[] measured) {

        static Target of(LatencyDataset data, String device, double[] trim) {
            double[] byRow = data.latencyByRow(device);
            double[] reference = Arrays.stream(data.referenceRows())
                    .mapToDouble(r -> byRow[r])
                    .toArray();
            int[] measuredRows = Arrays.stream(data.queryRows())
                    .filter(r -> !Double.isNaN(byRow[r]))
                    .toArray();
            double[] latencies =
                    Arrays.stream(measuredRows).mapToDouble(r -> byRow[r]).toArray();
            double low = Metrics.quantile(latencies, trim[0]);
            double high = Metrics.quantile(latencies, trim[1]);
            int[] rows = Arrays.stream(measuredRows)
                    .filter(r -> byRow[r] >= low && byRow[r] <= high)
                    .toArray();
            return new Target(
                    reference,
                    rows,
                    Arrays.stream(rows).mapToDouble(r -> byRow[r]).toArray());
        }

        double[][] queryFeatures(LatencyDataset data) {
            return Arrays.stream(rows).mapToObj(r -> data.features()[r]).toArray(double[][]::new);
        }
    }

    record Scores(double spearman, double kendall, double mape, double within10, double coverage) {
        static Scores of(double[] measured, double[] predicted, @Nullable Predictions intervals) {
            return new Scores(
                    Metrics.spearman(measured, predicted),
                    Metrics.kendall(measured, predicted),
                    Metrics.mape(measured, predicted),
                    Metrics.within10(measured, predicted),
                    intervals == null
                            ? Double.NaN
                            : Metrics.coverage(measured, intervals.lowerMs(), intervals.upperMs()));
        }
    }

    /** Means over seeds (or devices), and the spread of rho over seeds. */
    record Summary(double spearman, double spearmanSd, double kendall, double mape, double within10, double coverage) {
        static Summary of(List<Scores> runs) {
            double rho = runs.stream().mapToDouble(Scores::spearman).average().orElse(Double.NaN);
            double sd = Math.sqrt(runs.stream()
                    .mapToDouble(s -> (s.spearman() - rho) * (s.spearman() - rho))
                    .average()
                    .orElse(0));
            return new Summary(
                    rho,
                    sd,
                    runs.stream().mapToDouble(Scores::kendall).average().orElse(Double.NaN),
                    runs.stream().mapToDouble(Scores::mape).average().orElse(Double.NaN),
                    runs.stream().mapToDouble(Scores::within10).average().orElse(Double.NaN),
                    runs.stream().mapToDouble(Scores::coverage).average().orElse(Double.NaN));
        }

        static Summary mean(List<Summary> perDevice) {
            return new Summary(
                    perDevice.stream().mapToDouble(Summary::spearman).average().orElse(Double.NaN),
                    Double.NaN,
                    perDevice.stream().mapToDouble(Summary::kendall).average().orElse(Double.NaN),
                    perDevice.stream().mapToDouble(Summary::mape).average().orElse(Double.NaN),
                    perDevice.stream().mapToDouble(Summary::within10).average().orElse(Double.NaN),
                    perDevice.stream().mapToDouble(Summary::coverage).average().orElse(Double.NaN));
        }
    }
}

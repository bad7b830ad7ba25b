package dev.tenshot.tools.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.predictor.LatencyDataset;
import dev.tenshot.predictor.MetaModel;
import dev.tenshot.predictor.Metrics;
import dev.tenshot.predictor.PredictorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The predictor on HELP's real NAS-Bench-201 latencies with the default settings (chosen on meta_valid): each
 * unseen device predicted from its ten reference latencies. The full protocol with baselines and seeds is
 * {@code scripts/evaluate-predictor}; this pins its headline numbers with a margin.
 */
class NasBench201EvaluationTest {

    private static final Path DATA = Path.of("../datasets/nasbench201");

    @Test
    void ranksHelpsUnseenDevicesAtLeastAsWellAsHelpPublishes() {
        assertThat(Files.isDirectory(DATA))
                .as("dataset at %s", DATA.toAbsolutePath())
                .isTrue();
        var data = LatencyDataset.read(DATA);
        var model = MetaModel.train(
                data.trainingSet(data.devicesIn(LatencyDataset.META_TRAIN)),
                PredictorSettings.defaults(),
                "nasbench201",
                Instant.EPOCH);

        double rhoSum = 0;
        double mapeSum = 0;
        var test = data.devicesIn(LatencyDataset.META_TEST);
        for (String device : test) {
            double[] byRow = data.latencyByRow(device);
            double[] reference = Arrays.stream(data.referenceRows())
                    .mapToDouble(r -> byRow[r])
                    .toArray();
            double[][] referenceFeatures = Arrays.stream(data.referenceRows())
                    .mapToObj(r -> data.features()[r])
                    .toArray(double[][]::new);
            int[] rows = trimmedQuery(data, byRow);
            double[] predicted = model.adapt(referenceFeatures, reference, referenceFeatures, reference)
                    .predictLatencies(Arrays.stream(rows)
                            .mapToObj(r -> data.features()[r])
                            .toArray(double[][]::new));
            double[] measured = Arrays.stream(rows).mapToDouble(r -> byRow[r]).toArray();
            double rho = Metrics.spearman(measured, predicted);
            assertThat(rho)
                    .as("rho on %s vs HELP's %s", device, EvaluatePredictor.HELP_PUBLISHED.get(device))
                    .isGreaterThan(EvaluatePredictor.HELP_PUBLISHED.get(device) - 0.02);
            rhoSum += rho;
            mapeSum += Metrics.mape(measured, predicted);
        }

        assertThat(rhoSum / test.size()).as("mean rho").isGreaterThanOrEqualTo(0.95);
        assertThat(mapeSum / test.size()).as("mean MAPE %%").isLessThanOrEqualTo(10);
    }

    private static int[] trimmedQuery(LatencyDataset data, double[] byRow) {
        double[] latencies = Arrays.stream(data.queryRows())
                .mapToDouble(r -> byRow[r])
                .sorted()
                .toArray();
        double low = Metrics.quantile(latencies, 0.1);
        double high = Metrics.quantile(latencies, 0.9);
        return Arrays.stream(data.queryRows())
                .filter(r -> byRow[r] >= low && byRow[r] <= high)
                .toArray();
    }
}

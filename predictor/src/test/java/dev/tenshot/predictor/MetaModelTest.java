package dev.tenshot.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MetaModelTest {

    private static final Instant TRAINED_AT = Instant.parse("2026-11-24T00:00:00Z");
    private final double[][] features = TestData.features();

    @Test
    void ranksAnUnseenDeviceFromItsTenReferenceLatencies() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);
        double[] unseen = TestData.device(999);
        double[] reference = TestData.at(unseen, TestData.REFERENCE);

        var predictor = onReferences(model, reference);
        double[] predicted = predictor.predictLatencies(features);

        assertThat(Metrics.spearman(unseen, predicted)).isGreaterThan(0.97);
        // The parts are weighed by leave-one-out on ten references, which here slightly prefers the nearest source.
        assertThat(Metrics.mape(unseen, predicted)).isLessThan(6);
    }

    @Test
    void predictsADeviceFasterThanEverySourceDeviceWithoutExtrapolating() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);
        double[] fast =
                java.util.Arrays.stream(TestData.device(999)).map(l -> l / 1000).toArray();
        double[] reference = TestData.at(fast, TestData.REFERENCE);

        double[] predicted = onReferences(model, reference).predictLatencies(features);

        assertThat(Metrics.mape(fast, predicted)).isLessThan(6);
    }

    @Test
    void givesIntervalsAroundEveryPredictionThatCoverAnUnseenDevice() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);
        double[] device = TestData.device(999);
        double[] reference = TestData.at(device, TestData.REFERENCE);
        var predictor = onReferences(model, reference);

        Predictions predictions = predictor.predict(features);

        for (int c = 0; c < TestData.CONFIGS; c++) {
            assertThat(predictions.lowerMs()[c]).isLessThan(predictions.latencyMs()[c]);
            assertThat(predictions.upperMs()[c]).isGreaterThan(predictions.latencyMs()[c]);
        }
        double coverage = Metrics.coverage(device, predictions.lowerMs(), predictions.upperMs());
        assertThat(coverage).as("80%% interval coverage on an unseen device").isBetween(60.0, 100.0);
    }

    @Test
    void scalesADevicesIntervalsToItsOwnHeldOutErrors() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);
        double[] quiet = TestData.device(999);
        var random = new java.util.SplittableRandom(3);
        double[] noisy = java.util.Arrays.stream(quiet)
                .map(l -> l * Math.exp(0.3 * random.nextGaussian()))
                .toArray();

        var quietPredictor = onReferences(model, TestData.at(quiet, TestData.REFERENCE));
        var noisyPredictor = onReferences(model, TestData.at(noisy, TestData.REFERENCE));

        assertThat(relativeWidth(noisyPredictor.predict(features)))
                .isGreaterThan(2 * relativeWidth(quietPredictor.predict(features)));
    }

    @Test
    void boundsAreOneSidedQuantilesOfTheInterval() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);
        var predictor = onReferences(model, TestData.at(TestData.device(999), TestData.REFERENCE));
        Predictions predictions = predictor.predict(features);

        double[] at90 = predictor.upperBoundMs(features, 0.9);
        double[] at99 = predictor.upperBoundMs(features, 0.99);
        double[] median = predictor.upperBoundMs(features, 0.5);

        for (int c = 0; c < TestData.CONFIGS; c++) {
            assertThat(at90[c])
                    .isCloseTo(predictions.upperMs()[c], org.assertj.core.api.Assertions.within(1e-9 * at90[c]));
            assertThat(at99[c]).isGreaterThan(at90[c]);
            assertThat(median[c])
                    .isCloseTo(predictions.latencyMs()[c], org.assertj.core.api.Assertions.within(1e-9 * at90[c]));
        }
        assertThatThrownBy(() -> predictor.upperBoundMs(features, 0.3)).hasMessageContaining("[0.5, 0.999]");
    }

    @Test
    void sharpensWithMoreSamples() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);
        double[] device = TestData.device(777);
        double[] reference = TestData.at(device, TestData.REFERENCE);
        int[] all = IntStream.range(0, TestData.CONFIGS).toArray();

        var fromTen = onReferences(model, reference);
        var fromAll = model.adapt(TestData.rows(features, TestData.REFERENCE), reference, features, device);

        assertThat(Metrics.mape(device, fromAll.predictLatencies(features)))
                .isLessThan(Metrics.mape(device, fromTen.predictLatencies(TestData.rows(features, all))));
    }

    @Test
    void estimatesItsOwnAccuracyLeavingOneSampleOut() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);
        double[] device = TestData.device(555);
        double[] reference = TestData.at(device, TestData.REFERENCE);

        double[] heldOut = onReferences(model, reference).heldOut().predictedMs();

        assertThat(heldOut).hasSize(10);
        assertThat(java.util.Arrays.stream(heldOut).allMatch(p -> p > 0 && Double.isFinite(p)))
                .isTrue();
        assertThat(Metrics.mape(reference, heldOut))
                .as("pessimistic: each reference is extrapolated")
                .isLessThan(15);
    }

    /** Beyond 1,000 samples the parts are scored on an even spread of 1,000; the posterior still uses all. */
    @Test
    void scoresItsPartsOnAnEvenSpreadOfManySamples() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);
        double[] device = TestData.device(555);
        int n = 1500;
        double[][] many = new double[n][];
        double[] latency = new double[n];
        for (int i = 0; i < n; i++) {
            many[i] = features[i % TestData.CONFIGS];
            latency[i] = device[i % TestData.CONFIGS];
        }
        double[][] referenceFeatures = TestData.rows(features, TestData.REFERENCE);

        var predictor = model.adapt(referenceFeatures, TestData.at(device, TestData.REFERENCE), many, latency);

        var heldOut = predictor.heldOut();
        assertThat(heldOut.samples()).hasSize(1000).isSorted().doesNotHaveDuplicates();
        assertThat(heldOut.samples()[999]).isLessThan(n);
        assertThat(Metrics.mape(heldOut.at(latency), heldOut.predictedMs())).isLessThan(5);
    }

    /** The closed form (Sherman-Morrison) must equal refitting the posterior without each sample. */
    @Test
    void leavesOneOutInClosedFormExactlyAsARefitWouldBe() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);
        double[] device = TestData.device(555);
        var standard = model.standardisation();
        double[][] design = standard.design(TestData.rows(features, TestData.REFERENCE));
        double[] y = MetaModel.divide(TestData.at(device, TestData.REFERENCE), 10);
        double noise = model.settings().noiseVariance();

        double[] closedForm = model.prior().update(design, y, noise).leaveOneOut(design, y);

        for (int held = 0; held < y.length; held++) {
            int h = held;
            int[] others = IntStream.range(0, y.length).filter(i -> i != h).toArray();
            var refit = model.prior().update(TestData.rows(design, others), TestData.at(y, others), noise);
            double expected = dot(design[held], refit.weights());
            assertThat(closedForm[held]).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void weighsItsPartsByTheirHeldOutErrors() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);

        var predictor = onReferences(model, TestData.at(TestData.device(999), TestData.REFERENCE));

        assertThat(predictor.parts())
                .extracting(DevicePredictor.Part::name)
                .containsExactly(DevicePredictor.META, DevicePredictor.SOURCES, DevicePredictor.NEAREST);
        assertThat(predictor.parts().stream()
                        .mapToDouble(DevicePredictor.Part::weight)
                        .sum())
                .isCloseTo(1, org.assertj.core.api.Assertions.within(1e-12));
        var best = predictor.parts().stream()
                .min(java.util.Comparator.comparingDouble(DevicePredictor.Part::heldOutLogRmse))
                .orElseThrow();
        assertThat(best.weight())
                .isEqualTo(predictor.parts().stream()
                        .mapToDouble(DevicePredictor.Part::weight)
                        .max()
                        .orElseThrow());
    }

    /**
     * Source devices whose latency follows one option while the target's follows the analytic cost: the cost proxy
     * fitted to the target's own ten samples must take over, and predict it well.
     */
    @Test
    void fallsBackOnTheCostProxyWhereTheSourcesAreUnlikeTheDevice() {
        double[][] costed = java.util.Arrays.stream(features)
                .map(row -> new double[] {
                    row[0],
                    row[1],
                    row[2],
                    row[3],
                    row[4],
                    row[5],
                    1 + 3 * row[0] + 5 * row[1] + 2 * row[2] + 7 * row[3] + row[4] + 4 * row[5]
                })
                .toArray(double[][]::new);
        var names = java.util.List.of("a", "b", "c", "d", "e", "f", "total_gflop");
        int[] all = IntStream.range(0, TestData.CONFIGS).toArray();
        var sources = new java.util.ArrayList<SourceDevice>();
        for (int d = 0; d < 6; d++) {
            double weight = 1 + d;
            sources.add(new SourceDevice(
                    "s" + d,
                    all,
                    java.util.Arrays.stream(features)
                            .mapToDouble(row -> 1 + weight * row[5] + 0.1 * row[0])
                            .toArray()));
        }
        var model = MetaModel.train(
                new TrainingSet(names, costed, TestData.REFERENCE, sources),
                PredictorSettings.defaults(),
                "t",
                TRAINED_AT);
        double[] target = java.util.Arrays.stream(costed)
                .mapToDouble(row -> 2 + 0.5 * row[6])
                .toArray();
        double[] reference = TestData.at(target, TestData.REFERENCE);
        double[][] referenceFeatures = TestData.rows(costed, TestData.REFERENCE);

        var predictor = model.adapt(referenceFeatures, reference, referenceFeatures, reference);

        var proxy = predictor.parts().stream()
                .filter(p -> p.name().equals(DevicePredictor.COST_PROXY))
                .findFirst()
                .orElseThrow();
        assertThat(proxy.weight()).isGreaterThan(0.9);
        assertThat(Metrics.mape(target, predictor.predictLatencies(costed))).isLessThan(1);
    }

    @Test
    void learnsResidualTreesWhenAsked() {
        var settings = PredictorSettings.defaults().withResidualTrees(20);

        var model = MetaModel.train(TestData.trainingSet(6), settings, "test", TRAINED_AT);
        double[] device = TestData.device(999);
        double[] reference = TestData.at(device, TestData.REFERENCE);
        double[] predicted = onReferences(model, reference).predictLatencies(features);

        assertThat(Metrics.spearman(device, predicted)).isGreaterThan(0.9);
        assertThat(model.provenance().settings().residualTrees()).isEqualTo(20);
    }

    private static DevicePredictor onReferences(MetaModel model, double[] reference) {
        double[][] referenceFeatures = TestData.rows(TestData.features(), TestData.REFERENCE);
        return model.adapt(referenceFeatures, reference, referenceFeatures, reference);
    }

    private static double relativeWidth(Predictions predictions) {
        double sum = 0;
        for (int i = 0; i < predictions.size(); i++) {
            sum += (predictions.upperMs()[i] - predictions.lowerMs()[i])
                    / predictions.latencyMs()[i];
        }
        return sum / predictions.size();
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void recordsItsProvenance() {
        var model = MetaModel.train(TestData.trainingSet(4), PredictorSettings.defaults(), "test-space", TRAINED_AT);

        assertThat(model.provenance().space()).isEqualTo("test-space");
        assertThat(model.provenance().sourceDevices()).hasSize(4);
        assertThat(model.provenance().samples()).isEqualTo(4L * TestData.CONFIGS);
        assertThat(model.provenance().dataFingerprint()).hasSize(64);
        assertThat(model.provenance().trainedAt()).isEqualTo(TRAINED_AT);
    }

    @Test
    void refusesToMetaTrainOnFewerThanThreeDevices() {
        assertThatThrownBy(
                        () -> MetaModel.train(TestData.trainingSet(2), PredictorSettings.defaults(), "x", TRAINED_AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3 source devices");
    }
}

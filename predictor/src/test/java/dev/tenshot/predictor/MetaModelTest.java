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

        var predictor = model.adapt(reference, TestData.rows(features, TestData.REFERENCE), reference);
        double[] predicted = predictor.predictLatencies(features);

        assertThat(Metrics.spearman(unseen, predicted)).isGreaterThan(0.97);
        assertThat(Metrics.mape(unseen, predicted)).isLessThan(5);
    }

    @Test
    void predictsADeviceFasterThanEverySourceDeviceWithoutExtrapolating() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);
        double[] fast =
                java.util.Arrays.stream(TestData.device(999)).map(l -> l / 1000).toArray();
        double[] reference = TestData.at(fast, TestData.REFERENCE);

        double[] predicted = model.adapt(reference, TestData.rows(features, TestData.REFERENCE), reference)
                .predictLatencies(features);

        assertThat(Metrics.mape(fast, predicted)).isLessThan(5);
    }

    @Test
    void givesIntervalsThatWidenAwayFromTheSamples() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);
        double[] device = TestData.device(999);
        double[] reference = TestData.at(device, TestData.REFERENCE);
        var predictor = model.adapt(reference, TestData.rows(features, TestData.REFERENCE), reference);

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
        double[] device = TestData.device(999);
        double[] reference = TestData.at(device, TestData.REFERENCE);
        double[][] referenceFeatures = TestData.rows(features, TestData.REFERENCE);
        var predictor = model.adapt(reference, referenceFeatures, reference);
        double[] noisyHeldOut =
                java.util.Arrays.stream(reference).map(l -> l * 1.5).toArray();

        var widened = predictor.withIntervalsFrom(referenceFeatures, reference, noisyHeldOut);
        var narrowed = predictor.withIntervalsFrom(referenceFeatures, reference, reference);

        double width = predictor.predict(features).upperMs()[5]
                - predictor.predict(features).lowerMs()[5];
        assertThat(widened.intervalFactor()).isGreaterThan(1);
        assertThat(widened.predict(features).upperMs()[5]
                        - widened.predict(features).lowerMs()[5])
                .isGreaterThan(width);
        assertThat(narrowed.intervalFactor()).isEqualTo(0.25);
        assertThat(widened.predictLatencies(features)).containsExactly(predictor.predictLatencies(features));
    }

    @Test
    void sharpensWithMoreSamples() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);
        double[] device = TestData.device(777);
        double[] reference = TestData.at(device, TestData.REFERENCE);
        int[] all = IntStream.range(0, TestData.CONFIGS).toArray();

        var fromTen = model.adapt(reference, TestData.rows(features, TestData.REFERENCE), reference);
        var fromAll = model.adapt(reference, features, device);

        assertThat(Metrics.mape(device, fromAll.predictLatencies(features)))
                .isLessThan(Metrics.mape(device, fromTen.predictLatencies(TestData.rows(features, all))));
    }

    @Test
    void estimatesItsOwnAccuracyLeavingOneSampleOut() {
        var model = MetaModel.train(TestData.trainingSet(8), PredictorSettings.defaults(), "test", TRAINED_AT);
        double[] device = TestData.device(555);
        double[] reference = TestData.at(device, TestData.REFERENCE);

        double[] heldOut = model.leaveOneOut(reference, TestData.rows(features, TestData.REFERENCE), reference);

        assertThat(heldOut).hasSize(10);
        assertThat(java.util.Arrays.stream(heldOut).allMatch(p -> p > 0 && Double.isFinite(p)))
                .isTrue();
        assertThat(Metrics.mape(reference, heldOut))
                .as("pessimistic: each reference is extrapolated")
                .isLessThan(15);
    }

    @Test
    void learnsResidualTreesWhenAsked() {
        var settings = PredictorSettings.defaults().withResidualTrees(20);

        var model = MetaModel.train(TestData.trainingSet(6), settings, "test", TRAINED_AT);
        double[] device = TestData.device(999);
        double[] reference = TestData.at(device, TestData.REFERENCE);
        double[] predicted = model.adapt(reference, TestData.rows(features, TestData.REFERENCE), reference)
                .predictLatencies(features);

        assertThat(Metrics.spearman(device, predicted)).isGreaterThan(0.9);
        assertThat(model.provenance().settings().residualTrees()).isEqualTo(20);
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

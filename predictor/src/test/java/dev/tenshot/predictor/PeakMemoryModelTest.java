package dev.tenshot.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeakMemoryModelTest {

    @Test
    void recoversWeightsAndActivationsAndBoundsEveryMeasuredConfig() {
        var random = new SplittableRandom(3);
        int n = 12;
        double[] parameters = new double[n];
        double[] activations = new double[n];
        double[] peaks = new double[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = 1e9 + random.nextDouble() * 1e9;
            activations[i] = 50e6 + random.nextDouble() * 100e6;
            peaks[i] = 700e6 + 2.0 * parameters[i] + 4.0 * activations[i] + random.nextDouble(-20e6, 20e6);
        }
        PeakMemoryModel model =
                PeakMemoryModel.fit(parameters, activations, peaks).orElseThrow();
        assertThat(model.bytesPerParameter()).isCloseTo(2.0, within(0.05));
        assertThat(model.bytesPerActivation()).isCloseTo(4.0, within(0.5));
        assertThat(model.interceptBytes()).isCloseTo(700e6, within(100e6));
        assertThat(model.marginBytes()).isPositive().isLessThan(60e6);
        assertBoundsEveryPeak(model, parameters, activations, peaks);
    }

    @Test
    void leavesOutASizeThatNeverVaried() {
        double[] parameters = {1e9, 1.5e9, 2e9, 2.5e9, 3e9};
        double[] activations = {80e6, 80e6, 80e6, 80e6, 80e6}; // every config keeps a full-width block
        double[] peaks = {2.5e9, 3.5e9, 4.5e9, 5.5e9, 6.5e9};

        PeakMemoryModel model =
                PeakMemoryModel.fit(parameters, activations, peaks).orElseThrow();

        assertThat(model.bytesPerParameter()).isCloseTo(2.0, within(1e-6));
        assertThat(model.bytesPerActivation()).isZero();
        assertThat(model.predictedBytes(1.25e9, 80e6)).isCloseTo(3.0e9, within(1.0));
    }

    @Test
    void keepsTheSizeThatPredictsLeftOutPeaksBestWhenBothCannotBeFitted() {
        // The sizes are correlated; the peak follows the activations (and falls a little with the parameters, which
        // no physical slope does, so the fit in both is refused).
        double[] activations = {1e7, 2e7, 3e7, 4e7, 5e7, 6e7, 7e7, 8e7};
        double[] parameters = {1.0e8, 2.6e8, 2.4e8, 4.5e8, 4.6e8, 6.8e8, 6.5e8, 8.4e8};
        double[] peaks = new double[activations.length];
        for (int i = 0; i < peaks.length; i++) {
            peaks[i] = 1e9 + 3.0 * activations[i] - 0.05 * parameters[i];
        }

        PeakMemoryModel model =
                PeakMemoryModel.fit(parameters, activations, peaks).orElseThrow();

        assertThat(model.bytesPerParameter())
                .as("the parameters alone would be accepted first")
                .isZero();
        assertThat(model.bytesPerActivation()).isPositive();
        assertBoundsEveryPeak(model, parameters, activations, peaks);
    }

    @Test
    void refusesASlopeThatOneMeasurementAloneSets() {
        // Three configs share a ratio of activations to parameters; the fourth alone sets the activation slope in a
        // fit of both sizes, which then fits every point exactly and has no left-out error to show for it.
        double[] parameters = {1e9, 2e9, 3e9, 4e9};
        double[] activations = {1e7, 2e7, 3e7, 4.5e7};
        double[] peaks = {1e9, 2e9, 3e9, 4.3e9};

        PeakMemoryModel model =
                PeakMemoryModel.fit(parameters, activations, peaks).orElseThrow();

        assertThat(model.bytesPerParameter() == 0 || model.bytesPerActivation() == 0)
                .as("one size only: %s", model)
                .isTrue();
        assertBoundsEveryPeak(model, parameters, activations, peaks);
    }

    @Test
    void aPeakThatFallsWithSizeIsNoiseAndFitsAFlatModel() {
        double[] parameters = {1e9, 1.5e9, 2e9, 2.5e9};
        double[] activations = {50e6, 60e6, 70e6, 80e6};
        double[] peaks = {3.0e9, 2.9e9, 2.95e9, 2.85e9};

        PeakMemoryModel model =
                PeakMemoryModel.fit(parameters, activations, peaks).orElseThrow();

        assertThat(model.bytesPerParameter()).isZero();
        assertThat(model.bytesPerActivation()).isZero();
        assertThat(model.interceptBytes()).isCloseTo(2.925e9, within(1.0));
        // the highest peak left out would have been missed by (3.0 - 2.925) * 4 / 3
        assertThat(model.boundBytes(1e9, 50e6)).isCloseTo(3.025e9, within(1.0));
    }

    @Test
    void needsThreeSamplesOfTwoSizes() {
        assertThat(PeakMemoryModel.fit(new double[] {1, 2}, new double[] {1, 1}, new double[] {10, 20}))
                .isEmpty();
        assertThat(PeakMemoryModel.fit(new double[] {1, 1, 1}, new double[] {5, 5, 5}, new double[] {10, 20, 30}))
                .isEmpty();
        assertThat(PeakMemoryModel.fit(new double[] {1, 2, 3}, new double[] {5, 5, 5}, new double[] {10, 20, 31}))
                .isPresent();
    }

    private static void assertBoundsEveryPeak(
            PeakMemoryModel model, double[] parameters, double[] activations, double[] peaks) {
        for (int i = 0; i < peaks.length; i++) {
            assertThat(model.boundBytes(parameters[i], activations[i]))
                    .as("measurement %d", i)
                    .isGreaterThanOrEqualTo(peaks[i]);
        }
    }
}

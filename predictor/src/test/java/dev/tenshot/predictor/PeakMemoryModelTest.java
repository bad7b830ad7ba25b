package dev.tenshot.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeakMemoryModelTest {

    @Test
    void recoversALinearPeakAndBoundsEveryMeasuredConfig() {
        var random = new SplittableRandom(3);
        double[] parameters = new double[12];
        double[] peaks = new double[12];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = 1e9 + random.nextDouble() * 1e9;
            peaks[i] = 700e6 + 2.0 * parameters[i] + random.nextDouble(-20e6, 20e6);
        }
        PeakMemoryModel model = PeakMemoryModel.fit(parameters, peaks).orElseThrow();
        assertThat(model.bytesPerParameter()).isCloseTo(2.0, within(0.05));
        assertThat(model.interceptBytes()).isCloseTo(700e6, within(60e6));
        assertThat(model.marginBytes()).isPositive().isLessThan(45e6);
        for (int i = 0; i < parameters.length; i++) {
            assertThat(model.boundBytes(parameters[i])).isGreaterThanOrEqualTo(peaks[i]);
        }
    }

    @Test
    void turnsABudgetIntoAParameterLimit() {
        var model = new PeakMemoryModel(500e6, 2.0, 100e6, 10);
        assertThat(model.maxParameters(2.6e9)).isCloseTo(1e9, within(1.0));
        assertThat(model.boundBytes(model.maxParameters(2.6e9))).isCloseTo(2.6e9, within(1.0));
        assertThat(model.maxParameters(500e6)).isNegative();
    }

    @Test
    void aFlatPeakEitherFitsEveryConfigOrNone() {
        double[] parameters = {1e9, 1.5e9, 2e9, 2.5e9};
        double[] peaks = {3.0e9, 2.9e9, 2.95e9, 2.85e9}; // falls with size: noise, not physics
        PeakMemoryModel model = PeakMemoryModel.fit(parameters, peaks).orElseThrow();
        assertThat(model.bytesPerParameter()).isZero();
        assertThat(model.boundBytes(1e9)).isCloseTo(3.0e9, within(1.0));
        assertThat(model.maxParameters(3.1e9)).isInfinite();
        assertThat(model.maxParameters(2.9e9)).isZero();
    }

    @Test
    void needsThreeSamplesOfTwoSizes() {
        assertThat(PeakMemoryModel.fit(new double[] {1, 2}, new double[] {10, 20}))
                .isEmpty();
        assertThat(PeakMemoryModel.fit(new double[] {1, 1, 1}, new double[] {10, 20, 30}))
                .isEmpty();
        assertThat(PeakMemoryModel.fit(new double[] {1, 2, 3}, new double[] {10, 20, 30}))
                .isPresent();
    }
}

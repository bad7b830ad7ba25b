package dev.tenshot.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void scoresAPerfectAndAReversedRanking() {
        double[] measured = {1, 2, 3, 4, 5};

        assertThat(Metrics.spearman(measured, new double[] {10, 20, 30, 40, 50}))
                .isEqualTo(1.0);
        assertThat(Metrics.spearman(measured, new double[] {5, 4, 3, 2, 1})).isEqualTo(-1.0);
        assertThat(Metrics.kendall(measured, new double[] {5, 4, 3, 2, 1})).isEqualTo(-1.0);
    }

    @Test
    void matchesHandComputedValuesWithTies() {
        double[] measured = {1, 2, 2, 3};
        double[] predicted = {1, 3, 2, 4};

        // Spearman: Pearson of ranks [0,1.5,1.5,3] and [0,2,1,3] = 4.5 / sqrt(4.5 * 5)
        assertThat(Metrics.spearman(measured, predicted)).isCloseTo(4.5 / Math.sqrt(4.5 * 5), within(1e-12));
        // tau-b: 5 concordant, 0 discordant, 1 pair tied in measured only: 5 / sqrt(5 * 6)
        assertThat(Metrics.kendall(measured, predicted)).isCloseTo(5 / Math.sqrt(30), within(1e-12));
    }

    @Test
    void measuresErrorsInPercent() {
        double[] measured = {100, 200};
        double[] predicted = {110, 150};

        assertThat(Metrics.mape(measured, predicted)).isCloseTo(17.5, within(1e-12));
        assertThat(Metrics.within10(measured, predicted)).isEqualTo(50.0);
        assertThat(Metrics.coverage(measured, new double[] {90, 100}, new double[] {95, 300}))
                .isEqualTo(50.0);
    }
}

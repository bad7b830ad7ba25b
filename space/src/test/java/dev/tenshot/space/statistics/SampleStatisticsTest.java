package dev.tenshot.space.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;

class SampleStatisticsTest {

    @Test
    void givesAverageRanksToTies() {
        assertThat(SampleStatistics.ranks(new double[] {10, 20, 20, 30})).containsExactly(1, 2.5, 2.5, 4);
    }

    @Test
    void ranksANaNAboveEveryNumberRatherThanFailing() {
        assertThat(SampleStatistics.ranks(new double[] {10, Double.NaN, 5})).containsExactly(2, 3, 1);
    }

    @Test
    void correlatesRanksWithTiesAsWorkedByHand() {
        // ranks [1, 2.5, 2.5, 4] and [1, 3, 2, 4]: covariance 4.5, variances 4.5 and 5
        assertThat(SampleStatistics.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4}))
                .isCloseTo(4.5 / Math.sqrt(4.5 * 5), within(1e-12));
        assertThat(SampleStatistics.spearman(new double[] {1, 2, 3}, new double[] {30, 20, 10}))
                .isEqualTo(-1.0);
        assertThat(SampleStatistics.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3}))
                .as("a constant side")
                .isZero();
    }

    @Test
    void agreesWithCommonsMathOnRandomSamplesWithTies() {
        var random = new SplittableRandom(5);
        for (int trial = 0; trial < 500; trial++) {
            int n = random.nextInt(2, 40);
            double[] a = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = random.nextInt(6); // few values: many ties
                b[i] = random.nextDouble();
            }
            a[0] = 0;
            a[1] = 1; // never constant, where Commons Math gives NaN and we 0
            double p = random.nextDouble(0.001, 1);

            assertThat(SampleStatistics.spearman(a, b))
                    .isCloseTo(new SpearmansCorrelation().correlation(a, b), within(1e-12));
            assertThat(SampleStatistics.quantile(b, p))
                    .isCloseTo(
                            new Percentile()
                                    .withEstimationType(Percentile.EstimationType.R_7)
                                    .evaluate(b, 100 * p),
                            within(1e-12));
        }
    }

    @Test
    void interpolatesQuantilesBetweenOrderStatistics() {
        double[] sample = {4, 1, 3, 2};

        assertThat(SampleStatistics.quantile(sample, 0)).isEqualTo(1);
        assertThat(SampleStatistics.quantile(sample, 1)).isEqualTo(4);
        assertThat(SampleStatistics.median(sample)).isEqualTo(2.5);
        assertThat(SampleStatistics.interquartileRange(List.of(4.0, 1.0, 3.0, 2.0)))
                .isEqualTo(3.25 - 1.75);
        assertThatThrownBy(() -> SampleStatistics.quantile(new double[0], 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleStatistics.quantile(sample, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}

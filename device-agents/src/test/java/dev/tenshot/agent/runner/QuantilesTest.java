package dev.tenshot.agent.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void takesTheMiddleOfAnOddSampleAndTheMeanOfTheTwoMiddlesOfAnEvenOne() {
        assertThat(Quantiles.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(Quantiles.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void measuresTheSpreadOfTheMiddleHalf() {
        assertThat(Quantiles.interquartileRange(new double[] {1, 2, 3, 4, 5})).isEqualTo(2);
        assertThat(Quantiles.interquartileRange(new double[] {7, 7, 7})).isZero();
    }

    @Test
    void leavesTheSampleUnsorted() {
        double[] sample = {3, 1, 2};

        Quantiles.median(sample);

        assertThat(sample).containsExactly(3, 1, 2);
    }

    @Test
    void rejectsAnEmptySample() {
        assertThatThrownBy(() -> Quantiles.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}

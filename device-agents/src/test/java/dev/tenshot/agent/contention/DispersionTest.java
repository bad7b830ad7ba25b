package dev.tenshot.agent.contention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DispersionTest {

    @Test
    void measuresTheSpreadOfOneGroupOfCalls() {
        var dispersion = Dispersion.of(new double[] {10, 11, 12, 13, 20});

        assertThat(dispersion.relativeIqr()).isCloseTo((13 - 11) / 12.0, within(1e-12));
        assertThat(dispersion.maxMinRatio()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void weightsEachGroupByHowOftenItCounts() {
        double[] cheap = {1, 1, 5}; // wild, but counts little
        double[] dear = {100, 100, 100};

        var dispersion = Dispersion.of(new double[][] {cheap, dear}, new int[] {2, 20});

        assertThat(dispersion.relativeIqr()).isCloseTo(2 * 2.0 / (2 * 1 + 20 * 100), within(1e-12));
        assertThat(dispersion.maxMinRatio()).isCloseTo((2 * 5 + 2000) / (2 * 1 + 2000.0), within(1e-12));
    }

    @Test
    void rejectsCallTimesThatAreNotPositive() {
        assertThatThrownBy(() -> Dispersion.of(new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> Dispersion.of(new double[] {})).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.tenshot.agent.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void interpolatesBetweenOrderStatistics() {
        List<Double> values = List.of(4.0, 1.0, 3.0, 2.0);

        assertThat(Quantiles.median(values)).isEqualTo(2.5);
        assertThat(Quantiles.interquartileRange(values)).isCloseTo(1.5, within(1e-12));
        assertThat(Quantiles.median(List.of(7.0))).isEqualTo(7.0);
        assertThat(Quantiles.interquartileRange(List.of(7.0))).isZero();
    }

    @Test
    void rejectsAnEmptySample() {
        assertThatThrownBy(() -> Quantiles.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}

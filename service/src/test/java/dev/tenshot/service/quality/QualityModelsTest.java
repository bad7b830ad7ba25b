package dev.tenshot.service.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class QualityModelsTest {

    @Test
    void fitsTheScaleOfTheLossesByLeastSquares() {
        // deficits exactly twice the losses: the fitted scale is 2
        var pairs = List.of(new double[] {0.1, 0.2}, new double[] {0.05, 0.1}, new double[] {0.3, 0.6});

        assertThat(QualityModels.fitScale(pairs)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void neverScalesBelowZeroAndKeepsTheModelWithoutData() {
        assertThat(QualityModels.fitScale(List.of(new double[] {0.1, -0.3}))).isZero();
        assertThat(QualityModels.fitScale(List.of())).isEqualTo(1.0);
    }
}

package dev.tenshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HypervolumeTest {

    @Test
    void measuresAStaircaseIn2d() {
        var points = List.of(new double[] {1, 3}, new double[] {2, 2}, new double[] {3, 1});

        assertThat(Hypervolume.of(points, new double[] {4, 4})).isCloseTo(6.0, within(1e-12));
    }

    @Test
    void ignoresDominatedPointsAndPointsBeyondTheReference() {
        var points = List.of(
                new double[] {1, 3}, new double[] {2, 2}, new double[] {3, 1}, new double[] {3, 3}, new double[] {0, 5
                });

        assertThat(Hypervolume.of(points, new double[] {4, 4})).isCloseTo(6.0, within(1e-12));
        assertThat(Hypervolume.of(List.of(), new double[] {4, 4})).isZero();
    }

    @Test
    void measuresOverlappingBoxesIn3d() {
        var points = List.of(new double[] {0, 0, 1}, new double[] {1, 1, 0});

        assertThat(Hypervolume.of(points, new double[] {2, 2, 2})).isCloseTo(4 + 2 - 1, within(1e-12));
        assertThat(Hypervolume.of(List.of(new double[] {1, 1, 1}), new double[] {2, 2, 2}))
                .isCloseTo(1, within(1e-12));
    }

    @Test
    void agrees3dWith2dForAFlatThirdObjective() {
        var points = List.of(new double[] {1, 3, 0}, new double[] {2, 2, 0}, new double[] {3, 1, 0});

        assertThat(Hypervolume.of(points, new double[] {4, 4, 2})).isCloseTo(12.0, within(1e-12));
    }

    @Test
    void rejectsOtherDimensions() {
        assertThatThrownBy(() -> Hypervolume.of(List.of(), new double[] {1, 1, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

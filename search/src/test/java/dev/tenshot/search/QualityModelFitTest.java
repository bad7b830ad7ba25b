package dev.tenshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class QualityModelFitTest {

    private static final MmditPruningSpace SPACE = MmditPruningSpace.neodragon();
    private static final QualityModel ILLUSTRATIVE =
            QualityModel.illustrative(SPACE.depth(), SPACE.base().pyramid());

    @Test
    void scalesTheLossesByLeastSquares() {
        // every config measured twice as far below the unpruned model as the model says: the losses double
        List<MmditConfig> configs = configs(20);
        var evaluations = configs.stream()
                .map(c -> new QualityModel.Evaluation(c, 1 - 2 * (1 - ILLUSTRATIVE.quality(c))))
                .toList();

        QualityModel fitted = ILLUSTRATIVE.fittedTo(evaluations);

        MmditConfig unseen = SPACE.sample(new SplittableRandom(99));
        assertThat(1 - fitted.quality(unseen)).isCloseTo(2 * (1 - ILLUSTRATIVE.quality(unseen)), within(1e-9));
        assertThat(fitted.quality(MmditConfig.full(SPACE.base()))).isEqualTo(1.0);
    }

    @Test
    void neverScalesBelowZero() {
        // configs measured better than the unpruned model: pruning costs nothing, never gains
        var evaluations = configs(5).stream()
                .map(c -> new QualityModel.Evaluation(c, 1.1))
                .toList();

        QualityModel fitted = ILLUSTRATIVE.fittedTo(evaluations);

        assertThat(configs(5)).allSatisfy(c -> assertThat(fitted.quality(c)).isEqualTo(1.0));
    }

    @Test
    void staysAsItIsWithoutEvaluations() {
        assertThat(ILLUSTRATIVE.fittedTo(List.of())).isEqualTo(ILLUSTRATIVE);
    }

    private static List<MmditConfig> configs(int count) {
        var random = new SplittableRandom(7);
        return Stream.generate(() -> SPACE.sample(random)).limit(count).toList();
    }
}

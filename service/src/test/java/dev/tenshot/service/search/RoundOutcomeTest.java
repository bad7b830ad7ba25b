package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoundOutcomeTest {

    private static final double BUDGET = 100;

    @Test
    void convergesWhenEveryMeasurementAgreesAndMeetsTheBudget() {
        var outcome = RoundOutcome.judge(
                List.of(point(80, 84.0, true), point(95, 90.0, true), point(120, 125.0, false)), 0.10, BUDGET);

        assertThat(outcome.verified()).isEqualTo(3);
        assertThat(outcome.disagreeing()).isZero();
        assertThat(outcome.brokeBudget()).isZero();
        assertThat(outcome.medianError()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(outcome.converged()).isTrue();
        assertThat(outcome.verdict(1, 4, true)).contains(Verdict.CONVERGED);
    }

    @Test
    void runsAnotherRoundWhenAMeasurementIsOutsideTheTolerance() {
        var outcome = RoundOutcome.judge(List.of(point(80, 84.0, true), point(50, 60.0, true)), 0.10, BUDGET);

        assertThat(outcome.disagreeing()).isEqualTo(1);
        assertThat(outcome.converged()).isFalse();
        assertThat(outcome.verdict(1, 4, true)).isEmpty();
        assertThat(outcome.verdict(4, 4, true)).contains(Verdict.ROUND_LIMIT);
    }

    @Test
    void doesNotConvergeWhenAConfigReportedFeasibleBreaksThePeakMemoryBudget() {
        var withinEverything = RoundOutcome.judge(List.of(point(80, 84.0, true), point(95, 90.0, true)), 0.10, BUDGET);

        var outcome = withinEverything.withPeakMemoryBreaks(1);

        assertThat(withinEverything.converged()).isTrue();
        assertThat(outcome.brokeBudget()).isEqualTo(1);
        assertThat(outcome.converged()).isFalse();
        assertThat(outcome.verdict(1, 4, true)).isEmpty();
        assertThat(outcome.verdict(4, 4, true)).contains(Verdict.ROUND_LIMIT);
    }

    @Test
    void doesNotConvergeWhenAConfigReportedFeasibleBreaksTheBudgetEvenWithinTheTolerance() {
        var outcome = RoundOutcome.judge(List.of(point(96, 104.0, true), point(70, 70.0, true)), 0.10, BUDGET);

        assertThat(outcome.disagreeing()).isZero();
        assertThat(outcome.brokeBudget()).isEqualTo(1);
        assertThat(outcome.converged()).isFalse();
        assertThat(outcome.verdict(2, 4, true)).isEmpty();
    }

    @Test
    void aConfigReportedInfeasibleMayBeOverTheBudget() {
        var outcome = RoundOutcome.judge(List.of(point(130, 131.0, false)), 0.10, BUDGET);

        assertThat(outcome.brokeBudget()).isZero();
        assertThat(outcome.converged()).isTrue();
    }

    @Test
    void ignoresGivenUpTasksButNeedsOneMeasurementToConverge() {
        var someGivenUp = RoundOutcome.judge(List.of(point(80, null, true), point(80, 81.0, true)), 0.10, BUDGET);
        var allGivenUp = RoundOutcome.judge(List.of(point(80, null, true)), 0.10, BUDGET);

        assertThat(someGivenUp.verified()).isEqualTo(1);
        assertThat(someGivenUp.converged()).isTrue();
        assertThat(allGivenUp.verified()).isZero();
        assertThat(allGivenUp.medianError()).isNaN();
        assertThat(allGivenUp.converged()).isFalse();
    }

    @Test
    void aRoundWithNothingLeftToVerifyHasConverged() {
        var outcome = RoundOutcome.judge(List.of(), 0.10, BUDGET);

        assertThat(outcome.queued()).isZero();
        assertThat(outcome.verdict(2, 4, true)).contains(Verdict.CONVERGED);
    }

    @Test
    void saysSoWhenNoVerifiedConfigMeetsTheBudget() {
        var converged = RoundOutcome.judge(List.of(point(130, 131.0, false)), 0.10, BUDGET);
        var unconverged = RoundOutcome.judge(List.of(point(90, 130.0, true)), 0.10, BUDGET);

        assertThat(converged.verdict(1, 4, false)).contains(Verdict.BUDGET_UNMET);
        assertThat(unconverged.verdict(3, 4, false))
                .as("rounds left: try again")
                .isEqualTo(Optional.empty());
        assertThat(unconverged.verdict(4, 4, false)).contains(Verdict.BUDGET_UNMET);
    }

    @Test
    void withoutABudgetOnlyAgreementCounts() {
        var outcome = RoundOutcome.judge(
                List.of(point(500, 510.0, true), point(900, 880.0, true)), 0.05, Double.POSITIVE_INFINITY);

        assertThat(outcome.brokeBudget()).isZero();
        assertThat(outcome.converged()).isTrue();
    }

    private static RoundOutcome.Point point(double predictedMs, Double measuredMs, boolean feasible) {
        return new RoundOutcome.Point(predictedMs, measuredMs, feasible);
    }
}

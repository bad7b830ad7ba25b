package dev.tenshot.agent.contention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContentionDetectorTest {

    private static final Dispersion TIGHT = new Dispersion(0.02, 1.05);
    private static final ContentionSettings SETTINGS = ContentionSettings.defaults();

    private final FakeMachine machine = new FakeMachine().passingOnRead(Duration.ofMillis(500));
    private final ContentionDetector detector = new ContentionDetector(machine, SETTINGS, machine);

    @Test
    void callsAnAttemptQuietWhenOthersLeftTheCpuAlone() {
        machine.othersUse(0.03);

        var check = detector.watch().finish(TIGHT);

        assertThat(check.verdict()).isEqualTo(ContentionCheck.Verdict.QUIET);
        assertThat(check.otherCpuShare()).isCloseTo(0.03, within(0.01));
    }

    @Test
    void callsAnAttemptContendedWhenOthersUsedTheCpu() {
        machine.othersUse(0.5);

        var check = detector.watch().finish(TIGHT);

        assertThat(check.verdict()).isEqualTo(ContentionCheck.Verdict.CONTENDED);
        assertThat(check.otherCpuShare()).isCloseTo(0.5, within(0.01));
    }

    @Test
    void callsAnAttemptContendedWhenItsCallsSpreadWidelyWhateverProcShows() {
        var wideIqr = detector.judge(0.0, new Dispersion(0.4, 1.5));
        var slowOutlier = detector.judge(0.0, new Dispersion(0.05, 3.0));

        assertThat(wideIqr.verdict()).isEqualTo(ContentionCheck.Verdict.CONTENDED);
        assertThat(slowOutlier.verdict()).isEqualTo(ContentionCheck.Verdict.CONTENDED);
    }

    @Test
    void neverCallsAnAttemptQuietWhenProcIsUnreadable() {
        machine.unreadable();

        var agreeing = detector.watch().finish(TIGHT);
        var spread = detector.watch().finish(new Dispersion(0.4, 3.0));

        assertThat(agreeing.verdict()).isEqualTo(ContentionCheck.Verdict.UNCHECKED);
        assertThat(agreeing.otherCpuShare()).isNull();
        assertThat(spread.verdict()).isEqualTo(ContentionCheck.Verdict.CONTENDED);
        assertThat(detector.canCheck()).isFalse();
    }

    @Test
    void waitsUntilOthersGoQuiet() {
        machine.othersUse(0.6).othersUseFrom(Duration.ofSeconds(7), 0.0);

        Duration waited = detector.awaitQuiet(Duration.ofSeconds(60));

        assertThat(waited).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(12));
        assertThat(machine.slept()).isLessThanOrEqualTo(waited);
    }

    @Test
    void waitsNoLongerThanItsBudget() {
        machine.passingOnRead(Duration.ZERO).othersUse(0.6);

        Duration waited = detector.awaitQuiet(Duration.ofSeconds(5));

        assertThat(waited).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void doesNotWaitWhereItCannotSee() {
        machine.unreadable().othersUse(0.6);

        Duration waited = detector.awaitQuiet(Duration.ofSeconds(60));

        assertThat(machine.slept()).isZero();
        assertThat(waited).isLessThan(Duration.ofSeconds(1));
    }
}

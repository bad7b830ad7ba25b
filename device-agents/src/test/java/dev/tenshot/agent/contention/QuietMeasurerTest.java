package dev.tenshot.agent.contention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuietMeasurerTest {

    private static final Dispersion TIGHT = new Dispersion(0.02, 1.05);
    private static final Dispersion WIDE = new Dispersion(0.5, 3.0);

    private final FakeMachine machine = new FakeMachine();
    private ContentionSettings settings = ContentionSettings.defaults();

    @Test
    void keepsTheFirstQuietAttemptAfterOneLookAtTheMachine() {
        var measurer = measurer();

        var kept = measurer.measure(attempts(300), () -> 10.0);

        assertThat(kept.result()).isEqualTo("attempt 1");
        assertThat(kept.contention()).isEqualTo(new Contention(true, false, 0.0, 1, null, 0.02, 1.05));
        assertThat(machine.slept()).as("one look before the first task").isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void measuresAgainAfterWaitingForQuietAndKeepsTheQuietAttemptOverAFasterContendedOne() {
        machine.othersUseFrom(Duration.ofSeconds(2), 0.5).othersUseFrom(Duration.ofSeconds(9), 0.0);
        var measurer = measurer();

        var kept = measurer.measure(attempts(100, 300), () -> 10.0);

        assertThat(kept.result()).isEqualTo("attempt 2");
        assertThat(kept.contention().contended()).isFalse();
        assertThat(kept.contention().attempts()).isEqualTo(2);
        assertThat(kept.contention().otherCpuShare()).isZero();
        assertThat(machine.now()).as("waited until others stopped").isGreaterThan(Duration.ofSeconds(9));
    }

    @Test
    void reportsTheFastestAttemptFlaggedContendedWhenNoneWasQuiet() {
        machine.othersUse(0.5);
        var measurer = measurer();

        var kept = measurer.measure(attempts(900, 700, 800, 750), () -> 10.0);

        assertThat(kept.result()).isEqualTo("attempt 2");
        assertThat(kept.contention().contended()).isTrue();
        assertThat(kept.contention().checked()).isTrue();
        assertThat(kept.contention().attempts()).isEqualTo(4);
        assertThat(kept.contention().otherCpuShare()).isCloseTo(0.5, within(0.01));
        assertThat(measurer.waitedInAll()).isEqualTo(settings.maxWaitPerTask());
    }

    @Test
    void waitsNoLongerThanThePerTaskAndInAllBudgets() {
        machine.othersUse(0.5);
        settings = settings.withMaxWait(Duration.ofSeconds(20), Duration.ofSeconds(30));
        var measurer = measurer();

        measurer.measure(attempts(900, 900, 900, 900), () -> 10.0);
        Duration afterFirst = measurer.waitedInAll();
        measurer.measure(attempts(900, 900, 900, 900), () -> 10.0);

        assertThat(afterFirst).isEqualTo(Duration.ofSeconds(20));
        assertThat(measurer.waitedInAll()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void neverClaimsQuietWhereProcIsUnreadable() {
        machine.unreadable().othersUse(0.5);
        var measurer = measurer();

        var kept = measurer.measure(attempts(300), () -> 10.0);

        assertThat(kept.contention()).isEqualTo(new Contention(false, null, null, 1, null, 0.02, 1.05));
        assertThat(machine.slept()).as("nothing to wait for that it could see").isZero();
    }

    @Test
    void measuresWidelySpreadCallsAgainEvenWhereProcIsUnreadable() {
        machine.unreadable();
        var measurer = measurer();
        Deque<Dispersion> spreads = new ArrayDeque<>(List.of(WIDE, WIDE, TIGHT));
        int[] attempt = {0};

        var kept = measurer.measure(
                () -> new QuietMeasurer.Timed<>("attempt " + ++attempt[0], 300.0, spreads.pop()), () -> 10.0);

        assertThat(kept.result()).isEqualTo("attempt 3");
        assertThat(kept.contention().attempts()).isEqualTo(3);
        assertThat(kept.contention().contended()).as("unknown, not quiet").isNull();
        assertThat(kept.contention().checked()).isFalse();
    }

    @Test
    void distrustsAnAttemptWhoseDriftProbeRanSlowWithoutProcShowingWhy() {
        var measurer = measurer();
        measurer.measure(attempts(300), () -> 10.0);

        var slowed = measurer.measure(attempts(450, 460, 470, 440), () -> 15.0);
        var recovered = measurer.measure(attempts(300), () -> 10.5);

        assertThat(slowed.contention().contended()).isTrue();
        assertThat(slowed.contention().otherCpuShare()).as("proc saw nothing").isZero();
        assertThat(slowed.contention().driftRatio()).isCloseTo(1.5, within(1e-9));
        assertThat(slowed.result()).isEqualTo("attempt 4");
        assertThat(recovered.contention().contended()).isFalse();
        assertThat(recovered.contention().driftRatio()).isCloseTo(1.05, within(1e-9));
    }

    @Test
    void recordsAMachineThatGotFasterAndComparesWithItFromThenOn() {
        var measurer = measurer();
        measurer.measure(attempts(300), () -> 10.0);

        var faster = measurer.measure(attempts(250), () -> 8.0);
        var next = measurer.measure(attempts(260, 270, 280, 290), () -> 10.4);

        assertThat(faster.contention().driftRatio()).isCloseTo(0.8, within(1e-9));
        assertThat(faster.contention().contended()).isFalse();
        assertThat(next.contention().driftRatio()).as("against the new fastest").isCloseTo(1.3, within(1e-9));
        assertThat(next.contention().contended()).isTrue();
    }

    private QuietMeasurer measurer() {
        return new QuietMeasurer(new ContentionDetector(machine, settings, machine), settings);
    }

    /** Attempts that take half a second each on the machine and report these latencies, in order. */
    private QuietMeasurer.Attempt<String, RuntimeException> attempts(double... latencies) {
        int[] next = {0};
        return () -> {
            machine.pass(Duration.ofMillis(500));
            int attempt = next[0]++;
            return new QuietMeasurer.Timed<>("attempt " + (attempt + 1), latencies[attempt], TIGHT);
        };
    }
}

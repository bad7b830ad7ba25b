package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.search.Candidate;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopOfFrontTest {

    private static final MmditConfig CONFIG =
            MmditConfig.full(MmditPruningSpace.neodragon().base());

    @Test
    void alwaysPicksTheConfigsNearestTheBudgetAndSpreadsTheRestAlongTheFront() {
        List<Candidate> front = front(20); // bounds 10, 20, ..., 200 ms
        double budgetMs = 158;

        List<Candidate> picked = TopOfFront.pick(front, c -> false, 8, budgetMs);

        assertThat(picked).hasSize(8).doesNotHaveDuplicates();
        assertThat(picked)
                .extracting(Candidate::constraintLatencyMs)
                .contains(160.0, 150.0)
                .isSorted();
        assertThat(picked.getFirst()).as("the fastest end of the front").isEqualTo(front.getFirst());
        assertThat(picked.getLast()).as("the slowest end of the front").isEqualTo(front.getLast());
    }

    @Test
    void skipsConfigsTheDeviceHasMeasured() {
        List<Candidate> front = front(10);
        Set<Double> measured = Set.of(10.0, 100.0, 90.0);

        List<Candidate> picked = TopOfFront.pick(front, c -> measured.contains(c.constraintLatencyMs()), 4, 95);

        assertThat(picked)
                .hasSize(4)
                .extracting(Candidate::constraintLatencyMs)
                .doesNotContainAnyElementsOf(measured)
                .contains(80.0);
    }

    @Test
    void takesEveryUnmeasuredConfigOfASmallFront() {
        List<Candidate> front = front(3);

        assertThat(TopOfFront.pick(front, c -> c == front.get(1), 5, 100)).containsExactly(front.get(0), front.get(2));
        assertThat(TopOfFront.pick(front, c -> true, 5, 100)).isEmpty();
    }

    @Test
    void spreadsEvenlyWithoutABudget() {
        List<Candidate> front = front(9);

        List<Candidate> picked = TopOfFront.pick(front, c -> false, 3, Double.POSITIVE_INFINITY);

        assertThat(picked).extracting(Candidate::constraintLatencyMs).containsExactly(10.0, 50.0, 90.0);
    }

    /** Candidates at 10, 20, ... ms, each with a bound equal to its latency (distinct records). */
    private static List<Candidate> front(int size) {
        var front = new ArrayList<Candidate>(size);
        for (int i = 1; i <= size; i++) {
            front.add(new Candidate(CONFIG, 10.0 * i, 10.0 * i, 1.0 - 0.01 * i, 1000, true, 0));
        }
        return front;
    }
}

package dev.tenshot.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactFrontTest {

    @Test
    void matchesBruteForceEnumeration() {
        var random = new SplittableRandom(9);
        var decisions = new ArrayList<List<double[]>>();
        for (int d = 0; d < 6; d++) {
            var options = new ArrayList<double[]>();
            for (int o = 0; o < 3; o++) {
                options.add(new double[] {random.nextInt(10), random.nextInt(10)});
            }
            decisions.add(options);
        }
        var all = new ArrayList<double[]>();
        enumerate(decisions, 0, 0, 0, all);

        var front = ExactFront.of(decisions);

        assertThat(front)
                .usingElementComparator(ExactFrontTest::compare)
                .containsExactlyElementsOf(ExactFront.nonDominated(all));
        for (int i = 1; i < front.size(); i++) {
            assertThat(front.get(i)[0]).isGreaterThan(front.get(i - 1)[0]);
            assertThat(front.get(i)[1]).isLessThan(front.get(i - 1)[1]);
        }
    }

    private static void enumerate(List<List<double[]>> decisions, int d, double cost, double loss, List<double[]> out) {
        if (d == decisions.size()) {
            out.add(new double[] {cost, loss});
            return;
        }
        for (double[] option : decisions.get(d)) {
            enumerate(decisions, d + 1, cost + option[0], loss + option[1], out);
        }
    }

    private static int compare(double[] a, double[] b) {
        return java.util.Arrays.compare(a, b);
    }
}

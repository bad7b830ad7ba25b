package dev.tenshot.service.search;

import dev.tenshot.search.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/** Which configs of a front a round has measured on a device. */
final class TopOfFront {

    private TopOfFront() {}

    /**
     * Up to {@code k} configs of the front that the device has not measured: those nearest the budget (a quarter of
     * {@code k}, at least one, when there is a budget), whose constraint latency is closest to it and so most likely
     * to break it, and the rest spread evenly along the front.
     *
     * @param front ordered by latency, as a search result is
     * @param measured whether the device has measured a candidate's config
     * @param budgetMs the latency budget ({@code +Infinity} for none)
     * @return the picked candidates in front order
     */
    static List<Candidate> pick(List<Candidate> front, Predicate<Candidate> measured, int k, double budgetMs) {
        List<Candidate> open = front.stream().filter(measured.negate()).toList();
        if (open.size() <= k) {
            return open;
        }
        Set<Integer> picked = new HashSet<>();
        int nearest = Double.isFinite(budgetMs) ? Math.max(1, k / 4) : 0;
        IntStream.range(0, open.size())
                .boxed()
                .sorted(Comparator.comparingDouble(i -> Math.abs(open.get(i).constraintLatencyMs() - budgetMs)))
                .limit(nearest)
                .forEach(picked::add);
        List<Integer> rest = IntStream.range(0, open.size())
                .filter(i -> !picked.contains(i))
                .boxed()
                .toList();
        int spread = k - nearest;
        for (int j = 0; j < spread; j++) {
            picked.add(rest.get(spread == 1 ? 0 : j * (rest.size() - 1) / (spread - 1)));
        }
        var chosen = new ArrayList<Candidate>(k);
        for (int i = 0; i < open.size(); i++) {
            if (picked.contains(i)) {
                chosen.add(open.get(i));
            }
        }
        return chosen;
    }
}

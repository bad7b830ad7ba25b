package dev.tenshot.search;

import java.util.List;

/**
 * What a search found.
 *
 * @param front the best front over everything evaluated, by latency ascending: the feasible Pareto front, or, when no
 *     candidate is feasible, the non-dominated candidates of least violation (marked infeasible, not dropped)
 * @param history one entry per generation
 */
public record SearchResult(List<Candidate> front, List<SearchProgress> history) {

    public SearchResult {
        front = List.copyOf(front);
        history = List.copyOf(history);
    }
}

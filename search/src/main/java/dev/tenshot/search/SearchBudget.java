package dev.tenshot.search;

/**
 * How much the search may evaluate: the initial population, then {@code 0.6 * population} new offspring per
 * generation ({@code population + generations * 0.6 * population} fitness evaluations).
 *
 * @param population individuals per generation, {@code >= 2}
 * @param generations generations to evolve, {@code >= 1}
 */
public record SearchBudget(int population, int generations) {

    public SearchBudget {
        if (population < 2) {
            throw new IllegalArgumentException("population must be >= 2: " + population);
        }
        if (generations < 1) {
            throw new IllegalArgumentException("generations must be >= 1: " + generations);
        }
    }
}

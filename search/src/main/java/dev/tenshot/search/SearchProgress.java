package dev.tenshot.search;

/**
 * The state of a search after one generation.
 *
 * @param generation 1-based generation number
 * @param evaluations fitness evaluations so far (cache hits included)
 * @param frontSize members of the best front found so far
 * @param hypervolume hypervolume of the feasible front found so far against the problem's reference point
 */
public record SearchProgress(long generation, long evaluations, int frontSize, double hypervolume) {}

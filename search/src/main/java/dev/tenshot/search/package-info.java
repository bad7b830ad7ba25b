/** Multi-objective architecture search over a space: constraints, hypervolume, Pareto fronts. */
@NullMarked
package dev.tenshot.search;

import org.jspecify.annotations.NullMarked;

/**
 * Whether a measurement ran on a quiet machine: other processes' CPU time from {@code /proc} and the spread of the
 * timed calls during each attempt, waiting for quiet, re-measuring, and a drift probe for slowdowns {@code /proc}
 * does not show.
 */
@NullMarked
package dev.tenshot.agent.contention;

import org.jspecify.annotations.NullMarked;

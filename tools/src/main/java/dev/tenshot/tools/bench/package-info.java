/** Benchmarks behind the scripts/bench-* entry points: each prints one {@code key=value} line last. */
@NullMarked
package dev.tenshot.tools.bench;

import org.jspecify.annotations.NullMarked;

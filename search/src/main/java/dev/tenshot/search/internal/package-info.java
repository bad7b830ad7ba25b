/** Helpers of the search library that are not its API: exact reference fronts for tests and benchmarks. */
@NullMarked
package dev.tenshot.search.internal;

import org.jspecify.annotations.NullMarked;

/** Order statistics and rank correlation shared by the predictor, the device agents and the tools. */
@NullMarked
package dev.tenshot.space.statistics;

import org.jspecify.annotations.NullMarked;

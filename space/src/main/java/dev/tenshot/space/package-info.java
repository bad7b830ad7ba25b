/** Search spaces: what a config of a space is, how it is checked, and its canonical form. */
@NullMarked
package dev.tenshot.space;

import org.jspecify.annotations.NullMarked;

/** Quality evaluations users post for configs, and the search's quality proxy refitted to them. */
@NullMarked
package dev.tenshot.service.quality;

import org.jspecify.annotations.NullMarked;

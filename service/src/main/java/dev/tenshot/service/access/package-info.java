/** Who is calling: the admin token, agent tokens and the caller they resolve to. */
@NullMarked
package dev.tenshot.service.access;

import org.jspecify.annotations.NullMarked;

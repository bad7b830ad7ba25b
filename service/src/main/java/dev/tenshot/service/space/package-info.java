/** The search spaces the service knows, exposed over REST. */
@NullMarked
package dev.tenshot.service.space;

import org.jspecify.annotations.NullMarked;

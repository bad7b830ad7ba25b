/** The device agent: leases measurement tasks from the service over HTTP, runs them, reports results. */
@NullMarked
package dev.tenshot.agent;

import org.jspecify.annotations.NullMarked;

/** Measurement tasks for device agents: queueing (reference set at registration), leases, results, failures. */
@NullMarked
package dev.tenshot.service.task;

import org.jspecify.annotations.NullMarked;

/**
 * The {@code sim} runner: a roofline simulator of a zoo of devices built from public specs, for demos, meta-training
 * fleets and tests. Everything it reports is labelled simulated.
 */
@NullMarked
package dev.tenshot.agent.sim;

import org.jspecify.annotations.NullMarked;

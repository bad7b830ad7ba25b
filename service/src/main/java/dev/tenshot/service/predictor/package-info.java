/** Latency prediction: a meta-model per space, each ready device's own predictor, and their REST API. */
@NullMarked
package dev.tenshot.service.predictor;

import org.jspecify.annotations.NullMarked;

/** Few-shot latency prediction: config features and a device's hardware embedding to latency. */
@NullMarked
package dev.tenshot.predictor;

import org.jspecify.annotations.NullMarked;

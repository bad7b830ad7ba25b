/** The predictor's numerics: linear algebra on Tribuo's matrices, the XGBoost residual model. Not an API. */
@NullMarked
package dev.tenshot.predictor.internal;

import org.jspecify.annotations.NullMarked;

/** The tenshot service: REST API over devices, measurements and (later) predictors and searches. */
@NullMarked
package dev.tenshot.service;

import org.jspecify.annotations.NullMarked;

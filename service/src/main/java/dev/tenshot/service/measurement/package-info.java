/** Measurements: batch ingestion with idempotent client ids, validation against spaces, and queries. */
@NullMarked
package dev.tenshot.service.measurement;

import org.jspecify.annotations.NullMarked;

/** Devices: registration, agent tokens, status and measurement counts. */
@NullMarked
package dev.tenshot.service.device;

import org.jspecify.annotations.NullMarked;

package dev.tenshot.service.device;

import java.util.UUID;

/**
 * Published inside the transaction that removes a device, before its row changes: each feature ends or removes what
 * it holds of the device, so that the removal commits whole or not at all.
 *
 * @param keepMeasurements true: the device is retired (its open tasks end, its measurements stay); false: every row
 *     of the device goes, measurements and the searches it was the first target of included
 */
public record DeviceRemoved(UUID deviceId, boolean keepMeasurements) {}

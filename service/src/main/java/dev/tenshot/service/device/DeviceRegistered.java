package dev.tenshot.service.device;

import java.util.UUID;

/** Published inside the registering transaction, so work queued for the new device commits with it. */
public record DeviceRegistered(UUID deviceId, String space) {}

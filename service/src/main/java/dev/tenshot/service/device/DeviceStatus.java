package dev.tenshot.service.device;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a device is in its life: registered, then (with agents) calibrating on the reference set, then ready. */
public enum DeviceStatus {
    @JsonProperty("registered")
    REGISTERED
}

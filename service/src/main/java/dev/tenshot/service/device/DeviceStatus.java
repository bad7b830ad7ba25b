package dev.tenshot.service.device;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a device is in its life: calibrating until its space's ten reference configs are measured (they form its
 * hardware embedding), then ready; retired once deleted with its measurements kept.
 */
public enum DeviceStatus {
    /** Registered before calibration existed; kept for rows written by earlier releases. */
    @JsonProperty("registered")
    REGISTERED,
    @JsonProperty("calibrating")
    CALIBRATING,
    @JsonProperty("ready")
    READY,
    /** Deleted with its measurements kept: no agent token, no tasks, no searches; its measurements stay readable. */
    @JsonProperty("retired")
    RETIRED
}

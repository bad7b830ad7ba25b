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
    /**
     * Deleted with its measurements kept for training and history: its agent token is refused and it is never ready
     * again, so no predictor, meta-model or search takes it as a target.
     */
    @JsonProperty("retired")
    RETIRED
}

package dev.tenshot.service.task;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a config is measured: to calibrate the device (its reference set) or because someone asked. */
enum TaskPurpose {
    @JsonProperty("reference")
    REFERENCE,
    @JsonProperty("requested")
    REQUESTED
}

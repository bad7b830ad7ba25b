package dev.tenshot.service.device;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What executes the model. */
public enum DeviceKind {
    @JsonProperty("npu")
    NPU,
    @JsonProperty("gpu")
    GPU,
    @JsonProperty("cpu")
    CPU
}

package dev.tenshot.service.search;

import com.fasterxml.jackson.annotation.JsonProperty;

enum SearchJobState {
    @JsonProperty("queued")
    QUEUED,
    @JsonProperty("running")
    RUNNING,
    /** The front is stored; its top configs are being measured on the devices. */
    @JsonProperty("verifying")
    VERIFYING,
    @JsonProperty("done")
    DONE,
    @JsonProperty("failed")
    FAILED,
    @JsonProperty("cancelled")
    CANCELLED;

    boolean hasFront() {
        return this == VERIFYING || this == DONE;
    }

    boolean isFinal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}

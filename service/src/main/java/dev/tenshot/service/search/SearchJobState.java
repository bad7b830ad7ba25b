package dev.tenshot.service.search;

import com.fasterxml.jackson.annotation.JsonProperty;

enum SearchJobState {
    @JsonProperty("queued")
    QUEUED,
    @JsonProperty("running")
    RUNNING,
    @JsonProperty("done")
    DONE,
    @JsonProperty("failed")
    FAILED,
    @JsonProperty("cancelled")
    CANCELLED;

    boolean isFinal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}

package dev.tenshot.service.task;

import com.fasterxml.jackson.annotation.JsonProperty;

enum TaskState {
    @JsonProperty("queued")
    QUEUED,
    @JsonProperty("leased")
    LEASED,
    @JsonProperty("done")
    DONE,
    @JsonProperty("failed")
    FAILED
}

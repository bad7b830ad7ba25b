package dev.tenshot.service.measurement;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the timed repeats were summarised into one latency. */
public enum Statistic {
    @JsonProperty("median")
    MEDIAN,
    @JsonProperty("mean")
    MEAN,
    @JsonProperty("min")
    MIN
}

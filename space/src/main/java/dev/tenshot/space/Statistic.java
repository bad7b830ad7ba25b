package dev.tenshot.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the timed repeats of a measurement were summarised into one latency: the agents' and the service's word. */
public enum Statistic {
    @JsonProperty("median")
    MEDIAN,
    @JsonProperty("mean")
    MEAN,
    @JsonProperty("min")
    MIN;

    /** The name in JSON and in tools' output: {@code median}, {@code mean}, {@code min}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Statistic> ofLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
    }
}

package dev.tenshot.space;

import tools.jackson.databind.JsonNode;

/**
 * A family of architectures that latency is measured and predicted for. Implementations are immutable and
 * thread-safe.
 */
public interface SearchSpace {

    /** Stable identifier used in the API and stored with every measurement, e.g. {@code mmdit-pruning}. */
    String name();

    /** One sentence for people choosing a space. */
    String description();

    /**
     * Checks a config in its JSON form. Never throws for bad input: a config the space rejects is an expected
     * outcome and comes back as {@link ConfigCheck.Invalid} with every problem found.
     */
    ConfigCheck check(JsonNode config);
}

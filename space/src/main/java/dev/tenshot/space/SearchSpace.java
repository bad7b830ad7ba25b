package dev.tenshot.space;

import java.util.List;
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

    /** Names of the {@link #features} columns, in order; their count is fixed for the space. */
    List<String> featureNames();

    /**
     * The fixed-length numeric encoding the predictor learns from.
     *
     * @throws IllegalArgumentException if {@code config} is not a config of this space
     */
    double[] features(SpaceConfig config);

    /**
     * The space's reference set: the ten configs every device measures first, whose latencies form the device's
     * hardware embedding. Fixed for a release: changing it invalidates every stored embedding.
     */
    List<SpaceConfig> referenceConfigs();
}

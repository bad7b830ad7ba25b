package dev.tenshot.space;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
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

    /**
     * A JSON Schema (2020-12) of the configs {@link #check} accepts, for API documents and generated clients. It
     * describes shape, lengths and choices; {@link #check} stays the authority (it also applies rules a schema cannot
     * say, such as that the last block is kept).
     */
    JsonNode configSchema();

    /** Names of the {@link #features} columns, in order; their count is fixed for the space. */
    List<String> featureNames();

    /**
     * The fixed-length numeric encoding the predictor learns from.
     *
     * @throws IllegalArgumentException if {@code config} is not a config of this space
     */
    double[] features(SpaceConfig config);

    /**
     * The space's current reference set: the ten configs every new device measures first, whose latencies form the
     * device's hardware embedding. A device keeps the set it was onboarded with; see {@link #referenceSets()}.
     */
    List<SpaceConfig> referenceConfigs();

    /**
     * Every reference set this release knows, by version, oldest first; the last is {@link #referenceConfigs()}. A
     * set once released never changes: devices onboarded with it are predicted from it.
     */
    default SortedMap<Integer, List<SpaceConfig>> referenceSets() {
        return new TreeMap<>(Map.of(1, referenceConfigs()));
    }

    /** The version of the reference set made of exactly these configs (by content hash, in order), if known. */
    default Optional<Integer> referenceSetVersion(List<String> contentHashes) {
        return referenceSets().entrySet().stream()
                .filter(set -> set.getValue().stream()
                        .map(SpaceConfig::contentHash)
                        .toList()
                        .equals(contentHashes))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}

package dev.tenshot.agent.runner;

import tools.jackson.databind.JsonNode;

/**
 * One config to measure, as the service hands it out.
 *
 * @param space the search space name, e.g. {@code mmdit-pruning}
 * @param config the config in its space's canonical JSON form
 */
public record MeasurementTask(long taskId, String space, JsonNode config) {}

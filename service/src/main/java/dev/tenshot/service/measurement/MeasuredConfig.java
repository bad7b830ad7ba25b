package dev.tenshot.service.measurement;

import tools.jackson.databind.JsonNode;

/** One stored measurement, as the predictor reads it: the config and its end-to-end latency. */
public record MeasuredConfig(long measurementId, JsonNode config, String configHash, double endToEndMs) {}

package dev.tenshot.agent.runner;

import tools.jackson.databind.JsonNode;

/**
 * A device as the agent registers it with the service.
 *
 * @param kind {@code npu}, {@code gpu} or {@code cpu}
 * @param attributes what else identifies the device and its measurements: cores, clocks, OS, and the runner's
 *     settings (e.g. the onnx runner's workload scale), as a JSON object
 * @param simulated true when no real hardware is measured; every figure from the device is labelled so
 */
public record DeviceProfile(
        String name,
        String kind,
        String chipset,
        String runtime,
        String precision,
        JsonNode attributes,
        boolean simulated) {}

package dev.tenshot.service.device;

import dev.tenshot.service.api.BoundedJson;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * @param attributes whatever else the agent can read off the device (cores, clocks, driver, OS), a JSON object
 * @param simulated true for a device that only exists in the simulator; every figure from it is labelled so
 * @param space the search space to calibrate the device in; {@code mmdit-pruning} when absent
 */
record RegisterDeviceRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull DeviceKind kind,
        @NotBlank @Size(max = 200) String chipset,
        @NotBlank @Size(max = 200) String runtime,
        @NotBlank @Size(max = 32) String precision,
        @Nullable @BoundedJson JsonNode attributes,
        @NotNull Boolean simulated,
        @Nullable @Size(max = 64) String space) {

    static final String DEFAULT_SPACE = "mmdit-pruning";

    String spaceOrDefault() {
        return space == null || space.isBlank() ? DEFAULT_SPACE : space;
    }

    JsonNode attributesOrEmpty() {
        return attributes == null ? JsonNodeFactory.instance.objectNode() : attributes;
    }
}

package dev.tenshot.agent.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated devices, read from {@code device-zoo.json}.
 *
 * @param version bumped whenever a figure changes, so measurements of different zoo versions are not mixed
 * @param notes units and what is estimated, for readers of the file
 */
record DeviceZoo(int version, String notes, List<SimDevice> devices) {

    private static final String RESOURCE = "device-zoo.json";

    DeviceZoo {
        devices = List.copyOf(devices);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("the device zoo is empty");
        }
        var ids = new HashSet<String>();
        for (SimDevice device : devices) {
            if (!ids.add(device.id())) {
                throw new IllegalArgumentException("two zoo devices have the id " + device.id());
            }
        }
    }

    /** The zoo that ships with the agent, read once per JVM. */
    static DeviceZoo builtIn() {
        return Holder.BUILT_IN;
    }

    /**
     * Reads a zoo; unknown and missing fields are errors so a typo cannot silently drop a figure.
     *
     * @throws IllegalArgumentException if the JSON is malformed or a device is invalid
     */
    static DeviceZoo load(InputStream json, String name) {
        if (json == null) {
            throw new IllegalArgumentException("no device zoo " + name);
        }
        try (json) {
            return JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                    .build()
                    .readValue(json, DeviceZoo.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("bad device zoo " + name + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read device zoo " + name, e);
        }
    }

    Optional<SimDevice> find(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    List<String> ids() {
        return devices.stream().map(SimDevice::id).toList();
    }

    private static final class Holder {
        static final DeviceZoo BUILT_IN = load(DeviceZoo.class.getResourceAsStream(RESOURCE), RESOURCE);
    }
}

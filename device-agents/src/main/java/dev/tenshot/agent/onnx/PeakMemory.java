package dev.tenshot.agent.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's resident-set high-water mark ({@code VmHWM} in {@code /proc/self/status}), reset before each stage
 * by writing 5 to {@code /proc/self/clear_refs} (Linux 4.0+), so a stage's peak is its own and not the process's
 * lifetime maximum. It counts the whole process, the JVM's heap included, so it is an upper bound of what the stage
 * needs. ONNX Runtime's own arena statistics are not exposed by its Java API.
 */
final class PeakMemory {

    private final Path status;
    private final Path clearRefs;

    PeakMemory(Path status, Path clearRefs) {
        this.status = status;
        this.clearRefs = clearRefs;
    }

    static PeakMemory ofThisProcess() {
        return new PeakMemory(Path.of("/proc/self/status"), Path.of("/proc/self/clear_refs"));
    }

    /** Resets the high-water mark to the current RSS; false where the kernel does not let us. */
    boolean reset() {
        try {
            Files.writeString(clearRefs, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The high-water mark in bytes, or empty where {@code /proc} is not readable. */
    OptionalLong highWaterBytes() {
        return field("VmHWM:");
    }

    /** The current resident set in bytes, or empty where {@code /proc} is not readable. */
    OptionalLong residentBytes() {
        return field("VmRSS:");
    }

    private OptionalLong field(String name) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).strip().split("\\s+");
                    long value = Long.parseLong(parts[0]);
                    return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}

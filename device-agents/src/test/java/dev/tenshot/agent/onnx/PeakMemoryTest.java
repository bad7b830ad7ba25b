package dev.tenshot.agent.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeakMemoryTest {

    @TempDir
    Path dir;

    @Test
    void readsTheHighWaterMarkAndResidentSetInBytes() throws Exception {
        Path status = Files.writeString(
                dir.resolve("status"), "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t  262144 kB\n");
        var memory = new PeakMemory(status, dir.resolve("clear_refs"));

        assertThat(memory.highWaterBytes()).hasValue(512L << 20);
        assertThat(memory.residentBytes()).hasValue(256L << 20);
    }

    @Test
    void resetsByWritingFiveToClearRefs() throws Exception {
        Path clearRefs = dir.resolve("clear_refs");
        var memory = new PeakMemory(dir.resolve("status"), clearRefs);

        assertThat(memory.reset()).isTrue();
        assertThat(Files.readString(clearRefs)).isEqualTo("5");
    }

    @Test
    void knowsNothingWithoutProc() {
        var memory = new PeakMemory(dir.resolve("missing/status"), dir.resolve("missing/clear_refs"));

        assertThat(memory.reset()).isFalse();
        assertThat(memory.highWaterBytes()).isEmpty();
    }
}

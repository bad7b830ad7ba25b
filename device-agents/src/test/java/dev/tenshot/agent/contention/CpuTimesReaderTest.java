package dev.tenshot.agent.contention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTimesReaderTest {

    @TempDir
    Path proc;

    @Test
    void readsAllCoresBusyAndTotalTimeAndThisProcesssOwn() throws IOException {
        write("stat", """
                cpu  1000 20 300 5000 40 5 6 7 0 0
                cpu0 500 10 150 2500 20 2 3 3 0 0
                intr 12345
                """);
        // utime 111 and stime 22 are fields 14 and 15; the command name may hold spaces and parentheses
        write("self/stat", "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 111 22 0 0 20 0 30 0 9 1 2\n");

        var times = CpuTimesReader.of(proc).read();

        assertThat(times).contains(new CpuTimes(1000 + 20 + 300 + 5 + 6 + 7, 1338 + 5000 + 40, 111 + 22));
    }

    @Test
    void readsNothingWithoutProc() {
        assertThat(CpuTimesReader.of(proc.resolve("missing")).read()).isEmpty();
    }

    @Test
    void readsNothingFromAStatItDoesNotUnderstand() throws IOException {
        write("stat", "intr 12345\n");
        write("self/stat", "4242 (java) S 1\n");

        assertThat(CpuTimesReader.of(proc).read()).isEmpty();
    }

    @Test
    void readsThisMachinesProcWhereThereIsOne() {
        var times = CpuTimesReader.proc().read();

        assertThat(times.isPresent()).as("/proc/stat readable").isEqualTo(Files.isReadable(Path.of("/proc/stat")));
        times.ifPresent(t -> assertThat(t.ownTicks()).isLessThanOrEqualTo(t.busyTicks()));
    }

    @Test
    void countsOnlyOtherProcessesTimeAsTheirShare() {
        var before = new CpuTimes(1_000, 10_000, 100);
        var after = new CpuTimes(1_000 + 70, 10_000 + 200, 100 + 30);

        assertThat(after.otherShareSince(before)).isEqualTo(40 / 200.0);
        assertThat(before.otherShareSince(before)).as("no tick passed").isZero();
    }

    private void write(String name, String content) throws IOException {
        Path file = proc.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}

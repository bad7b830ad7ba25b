package dev.tenshot.agent.contention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads {@link CpuTimes} now; empty where they cannot be read (no {@code /proc}: macOS, Windows, a sandbox). */
@FunctionalInterface
public interface CpuTimesReader {

    Optional<CpuTimes> read();

    /** This machine's {@code /proc}. */
    static CpuTimesReader proc() {
        return of(Path.of("/proc"));
    }

    /** A {@code /proc} laid out under {@code root}: {@code root/stat} and {@code root/self/stat}. */
    static CpuTimesReader of(Path root) {
        return () -> {
            try {
                String first =
                        Files.readAllLines(root.resolve("stat")).getFirst().strip();
                String[] cpu = first.split("\\s+");
                if (!cpu[0].equals("cpu")) {
                    return Optional.empty();
                }
                long[] v = new long[8];
                for (int i = 0; i < v.length; i++) {
                    v[i] = i + 1 < cpu.length ? Long.parseLong(cpu[i + 1]) : 0;
                }
                // user nice system idle iowait irq softirq steal
                long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
                long total = busy + v[3] + v[4];
                // the command name in parentheses may hold spaces; fields after it: state ppid ... utime(14) stime(15)
                String self = Files.readString(root.resolve("self/stat"));
                String[] fields = self.substring(self.lastIndexOf(')') + 2).split(" ");
                long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                return Optional.of(new CpuTimes(busy, total, own));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        };
    }
}

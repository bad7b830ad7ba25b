package dev.tenshot.agent.contention;

/**
 * CPU time counters in clock ticks at one moment: all cores' busy and total time (from {@code /proc/stat}) and this
 * process's own time (from {@code /proc/self/stat}, every thread, ONNX Runtime's included).
 *
 * @param busyTicks user, nice, system, irq, softirq and steal time of all cores (guest time is inside user)
 * @param totalTicks busy time plus idle and iowait time of all cores
 * @param ownTicks this process's user and system time
 */
public record CpuTimes(long busyTicks, long totalTicks, long ownTicks) {

    public CpuTimes {
        if (busyTicks < 0 || totalTicks < busyTicks || ownTicks < 0) {
            throw new IllegalArgumentException("need 0 <= busyTicks <= totalTicks and ownTicks >= 0: " + busyTicks
                    + ", " + totalTicks + ", " + ownTicks);
        }
    }

    /**
     * Share of all cores' time, in [0, 1], that other processes (and the hypervisor's steal) used between {@code
     * earlier} and this moment; 0 when no tick passed. A window of a few ticks (10 ms each on Linux) says little.
     */
    public double otherShareSince(CpuTimes earlier) {
        long total = totalTicks - earlier.totalTicks;
        if (total <= 0) {
            return 0;
        }
        long other = (busyTicks - earlier.busyTicks) - (ownTicks - earlier.ownTicks);
        return Math.clamp(other / (double) total, 0.0, 1.0);
    }
}

package dev.tenshot.agent;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts tasks as they go and prints one progress line per change. */
public final class Progress {

    private final PrintStream out;
    private final AtomicInteger leased = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private volatile String deviceStatus = "?";

    public Progress(PrintStream out) {
        this.out = out;
    }

    void leased(int count) {
        leased.addAndGet(count);
        print();
    }

    void done(String status) {
        done.incrementAndGet();
        deviceStatus = status;
        print();
    }

    void failed() {
        failed.incrementAndGet();
        print();
    }

    void lost() {
        lost.incrementAndGet();
        print();
    }

    /** Nothing to lease, yet tasks are open (held by an earlier run until their leases expire, or being queued). */
    void waitingFor(long openTasks) {
        out.printf(
                "waiting: %d task(s) of the device still queued or leased (by an earlier run until its leases"
                        + " expire)%n",
                openTasks);
    }

    public Counts counts() {
        return new Counts(leased.get(), done.get(), failed.get(), lost.get());
    }

    private void print() {
        var counts = counts();
        out.printf(
                "tasks done %d / leased %d / failed %d / lost %d  (device %s)%n",
                counts.done(), counts.leased(), counts.failed(), counts.lost(), deviceStatus);
    }

    /** Tasks leased, measured and reported, failed, and lost (lease gone before the report). */
    public record Counts(int leased, int done, int failed, int lost) {}
}

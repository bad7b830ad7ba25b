package dev.tenshot.agent.contention;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A 2-core machine for tests: a {@code /proc} reader and a clock in one. Time passes only when a test says so, when
 * something sleeps, or (if set) at every read; meanwhile other processes use the share of the CPU scheduled for that
 * moment and this process none.
 */
public final class FakeMachine implements CpuTimesReader, Ticker {

    private static final int CORES = 2;
    private static final double TICKS_PER_SECOND = 100;

    private final TreeMap<Long, Double> othersShareFrom = new TreeMap<>(Map.of(0L, 0.0));
    private long nanos;
    private double busyTicks;
    private double totalTicks;
    private boolean readable = true;
    private Duration passingOnRead = Duration.ZERO;
    private Duration slept = Duration.ZERO;

    /** From now on, other processes use {@code share} of the CPU. */
    public FakeMachine othersUse(double share) {
        othersShareFrom.put(nanos, share);
        return this;
    }

    /** From {@code at} after the start, other processes use {@code share} of the CPU. */
    public FakeMachine othersUseFrom(Duration at, double share) {
        othersShareFrom.put(at.toNanos(), share);
        return this;
    }

    /** No {@code /proc}: every read is empty. */
    public FakeMachine unreadable() {
        readable = false;
        return this;
    }

    /** Each read happens {@code duration} after whatever came before it (so a watched attempt takes that long). */
    public FakeMachine passingOnRead(Duration duration) {
        passingOnRead = duration;
        return this;
    }

    /** Lets {@code duration} pass, in ticks of 10 ms, each at the share scheduled for its start. */
    public void pass(Duration duration) {
        long end = nanos + duration.toNanos();
        long tick = Duration.ofMillis(10).toNanos();
        while (nanos < end) {
            long step = Math.min(tick, end - nanos);
            double ticks = CORES * TICKS_PER_SECOND * step / 1e9;
            totalTicks += ticks;
            busyTicks += ticks * othersShareFrom.floorEntry(nanos).getValue();
            nanos += step;
        }
    }

    /** How long things slept on this machine. */
    public Duration slept() {
        return slept;
    }

    public Duration now() {
        return Duration.ofNanos(nanos);
    }

    @Override
    public Optional<CpuTimes> read() {
        pass(passingOnRead);
        return readable
                ? Optional.of(new CpuTimes(Math.round(busyTicks), Math.round(totalTicks), 0))
                : Optional.empty();
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public void sleep(Duration duration) {
        slept = slept.plus(duration);
        pass(duration);
    }
}

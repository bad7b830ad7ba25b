package dev.tenshot.agent.contention;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * When a measurement counts as quiet, and how hard to try for one. Start from {@link #defaults()}.
 *
 * @param maxOtherCpuShare an attempt is contended when other processes used at least this share of all cores' time
 *     while it ran; in (0, 1]
 * @param maxRelativeIqr ... or when its timed calls' {@link Dispersion#relativeIqr()} exceeds this; > 0
 * @param maxMinRatio ... or when their {@link Dispersion#maxMinRatio()} exceeds this; > 1
 * @param maxDriftRatio ... or when the drift probe ran more than this many times slower than on the fastest trusted
 *     attempt so far (a slowdown {@code /proc} does not show: heat, the host's other tenants); > 1
 * @param maxAttempts attempts per task until one is trusted; at least 1
 * @param maxWaitPerTask longest wait for quiet (before re-measuring) per task, all attempts together; not negative
 * @param maxWaitInAll longest wait for quiet over the measurer's life, or null for no limit beyond the per-task one
 * @param quietWindow length of one look at the machine while waiting for quiet; positive
 */
public record ContentionSettings(
        double maxOtherCpuShare,
        double maxRelativeIqr,
        double maxMinRatio,
        double maxDriftRatio,
        int maxAttempts,
        Duration maxWaitPerTask,
        @Nullable Duration maxWaitInAll,
        Duration quietWindow) {

    public static final double DEFAULT_MAX_OTHER_CPU_SHARE = 0.10;
    public static final double DEFAULT_MAX_RELATIVE_IQR = 0.25;
    public static final double DEFAULT_MAX_MIN_RATIO = 2.0;
    public static final double DEFAULT_MAX_DRIFT_RATIO = 1.25;
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_MAX_WAIT_PER_TASK = Duration.ofSeconds(60);
    public static final Duration DEFAULT_QUIET_WINDOW = Duration.ofSeconds(2);

    public ContentionSettings {
        if (!(maxOtherCpuShare > 0 && maxOtherCpuShare <= 1)) {
            throw new IllegalArgumentException("maxOtherCpuShare must be in (0, 1]: " + maxOtherCpuShare);
        }
        if (!(maxRelativeIqr > 0)) {
            throw new IllegalArgumentException("maxRelativeIqr must be > 0: " + maxRelativeIqr);
        }
        if (!(maxMinRatio > 1)) {
            throw new IllegalArgumentException("maxMinRatio must be > 1: " + maxMinRatio);
        }
        if (!(maxDriftRatio > 1)) {
            throw new IllegalArgumentException("maxDriftRatio must be > 1: " + maxDriftRatio);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        if (maxWaitPerTask.isNegative() || (maxWaitInAll != null && maxWaitInAll.isNegative())) {
            throw new IllegalArgumentException(
                    "waiting budgets must not be negative: " + maxWaitPerTask + ", " + maxWaitInAll);
        }
        if (!quietWindow.isPositive()) {
            throw new IllegalArgumentException("quietWindow must be positive: " + quietWindow);
        }
    }

    /**
     * Quiet below 10% of the CPU for others, relative IQR up to 0.25, slowest call up to 2x the fastest, drift up to
     * 1.25x; up to 4 attempts and 60 s of waiting per task, looking at the machine 2 s at a time.
     */
    public static ContentionSettings defaults() {
        return new ContentionSettings(
                DEFAULT_MAX_OTHER_CPU_SHARE,
                DEFAULT_MAX_RELATIVE_IQR,
                DEFAULT_MAX_MIN_RATIO,
                DEFAULT_MAX_DRIFT_RATIO,
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_MAX_WAIT_PER_TASK,
                null,
                DEFAULT_QUIET_WINDOW);
    }

    public ContentionSettings withMaxOtherCpuShare(double share) {
        return new ContentionSettings(
                share,
                maxRelativeIqr,
                maxMinRatio,
                maxDriftRatio,
                maxAttempts,
                maxWaitPerTask,
                maxWaitInAll,
                quietWindow);
    }

    public ContentionSettings withMaxDriftRatio(double ratio) {
        return new ContentionSettings(
                maxOtherCpuShare,
                maxRelativeIqr,
                maxMinRatio,
                ratio,
                maxAttempts,
                maxWaitPerTask,
                maxWaitInAll,
                quietWindow);
    }

    public ContentionSettings withMaxAttempts(int attempts) {
        return new ContentionSettings(
                maxOtherCpuShare,
                maxRelativeIqr,
                maxMinRatio,
                maxDriftRatio,
                attempts,
                maxWaitPerTask,
                maxWaitInAll,
                quietWindow);
    }

    /** At most {@code perTask} of waiting per task and {@code inAll} (null: no limit) over the measurer's life. */
    public ContentionSettings withMaxWait(Duration perTask, @Nullable Duration inAll) {
        return new ContentionSettings(
                maxOtherCpuShare, maxRelativeIqr, maxMinRatio, maxDriftRatio, maxAttempts, perTask, inAll, quietWindow);
    }
}

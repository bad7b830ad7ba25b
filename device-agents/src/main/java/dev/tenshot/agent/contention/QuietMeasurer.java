package dev.tenshot.agent.contention;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures a task until an attempt can be trusted: after an attempt the {@link ContentionDetector} calls contended
 * (or whose drift probe ran slow) it waits for quiet, within {@link ContentionSettings#maxWaitPerTask()} per task
 * and {@link ContentionSettings#maxWaitInAll()} in all, and measures again, up to {@link
 * ContentionSettings#maxAttempts()} times. It keeps the first trusted attempt; when none was, the fastest attempt,
 * flagged contended.
 *
 * <p>Drift: a small fixed workload (the probe) runs right before and right after every attempt, inside the attempt's
 * watch. The mean of the two over the probe's fastest time on an earlier trusted attempt is the attempt's drift
 * ratio; above {@link ContentionSettings#maxDriftRatio()} the machine got slower in a way {@code /proc} does not show
 * (heat, the host's other tenants) and the attempt is not trusted.
 *
 * <p>Used from one thread; it remembers the drift baseline, whether the last attempt was contended (then the next
 * task first waits for quiet too) and how long it waited in all.
 */
public final class QuietMeasurer {

    private static final Logger log = LoggerFactory.getLogger(QuietMeasurer.class);

    private final ContentionDetector detector;
    private final ContentionSettings settings;
    private @Nullable Double baselineProbeMs;
    private boolean lastUntrusted = true; // look at the machine before the first measurement
    private Duration waitedInAll = Duration.ZERO;

    public QuietMeasurer(ContentionDetector detector, ContentionSettings settings) {
        this.detector = detector;
        this.settings = settings;
    }

    /** One attempt at a task: times it and says how its timed calls spread. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        Timed<T> run() throws E;
    }

    /** The drift probe: runs the fixed workload once and answers its time in milliseconds. */
    @FunctionalInterface
    public interface DriftProbe<E extends Exception> {
        double millis() throws E;
    }

    /** What one attempt measured: the runner's result, its latency in milliseconds and its calls' spread. */
    public record Timed<T>(T result, double latencyMs, Dispersion dispersion) {}

    /** The kept attempt's result and its contention. */
    public record Kept<T>(T result, Contention contention) {}

    /** Measures until an attempt is trusted or the attempts run out; the exceptions of attempt and probe pass. */
    public <T, E extends Exception> Kept<T> measure(Attempt<T, E> attempt, DriftProbe<E> probe) throws E {
        Duration waitedForTask = Duration.ZERO;
        Tried<T> fastest = null;
        for (int attempts = 1; attempts <= settings.maxAttempts(); attempts++) {
            if (lastUntrusted) {
                Duration budget = waitBudget(waitedForTask);
                if (budget.isPositive()) {
                    Duration waited = detector.awaitQuiet(budget);
                    waitedForTask = waitedForTask.plus(waited);
                    waitedInAll = waitedInAll.plus(waited);
                }
            }
            ContentionDetector.Window window = detector.watch();
            double before = probe.millis();
            Timed<T> timed = attempt.run();
            double after = probe.millis();
            ContentionCheck check = window.finish(timed.dispersion());
            double probeMs = (before + after) / 2;
            Double drift = baselineProbeMs == null || !(probeMs > 0) ? null : probeMs / baselineProbeMs;
            boolean drifted = drift != null && drift > settings.maxDriftRatio();
            var tried = new Tried<>(timed, check, drift);
            if (check.verdict() != ContentionCheck.Verdict.CONTENDED && !drifted) {
                lastUntrusted = false;
                if (probeMs > 0 && (baselineProbeMs == null || probeMs < baselineProbeMs)) {
                    baselineProbeMs = probeMs;
                }
                return new Kept<>(timed.result(), Contention.of(check, true, attempts, drift));
            }
            lastUntrusted = true;
            log.debug("attempt {} not trusted: {}{}", attempts, check.describe(), drifted ? driftNote(drift) : "");
            if (fastest == null || timed.latencyMs() < fastest.timed().latencyMs()) {
                fastest = tried;
            }
        }
        if (fastest == null) {
            throw new IllegalStateException("maxAttempts >= 1, so there was an attempt");
        }
        log.warn(
                "no trusted attempt in {}; reporting the fastest ({} ms) flagged contended: {}{}",
                settings.maxAttempts(),
                String.format(Locale.ROOT, "%.1f", fastest.timed().latencyMs()),
                fastest.check().describe(),
                fastest.drift() == null ? "" : driftNote(fastest.drift()));
        return new Kept<>(
                fastest.timed().result(),
                Contention.of(fastest.check(), false, settings.maxAttempts(), fastest.drift()));
    }

    /** Waiting for quiet so far, over every task. */
    public Duration waitedInAll() {
        return waitedInAll;
    }

    private Duration waitBudget(Duration waitedForTask) {
        Duration budget = settings.maxWaitPerTask().minus(waitedForTask);
        if (settings.maxWaitInAll() != null) {
            Duration left = settings.maxWaitInAll().minus(waitedInAll);
            budget = left.compareTo(budget) < 0 ? left : budget;
        }
        return budget;
    }

    private static String driftNote(@Nullable Double drift) {
        return String.format(Locale.ROOT, ", drift probe %.2fx its fastest", drift);
    }

    private record Tried<T>(
            Timed<T> timed, ContentionCheck check, @Nullable Double drift) {}
}

package dev.tenshot.agent.contention;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a quiet measurement from a contended one, and waits for quiet. Other processes' CPU time during the timed
 * calls is the machine's busy time ({@code /proc/stat}) minus this process's ({@code /proc/self/stat}); on a 2-core
 * machine another busy process slows a measurement down 2-4x. The spread of the timed calls catches what {@code /proc}
 * misses or cannot show (no {@code /proc} at all): an attempt whose calls disagree is never trusted. Where {@code
 * /proc} is unreadable the verdict is {@link ContentionCheck.Verdict#UNCHECKED}, never quiet.
 */
public final class ContentionDetector {

    private static final Logger log = LoggerFactory.getLogger(ContentionDetector.class);
    private static final long REPORT_EVERY_NANOS = 30_000_000_000L;

    private final CpuTimesReader reader;
    private final ContentionSettings settings;
    private final Ticker ticker;

    public ContentionDetector(CpuTimesReader reader, ContentionSettings settings, Ticker ticker) {
        this.reader = reader;
        this.settings = settings;
        this.ticker = ticker;
    }

    /** This machine's {@code /proc} and clock. */
    public static ContentionDetector onThisMachine(ContentionSettings settings) {
        return new ContentionDetector(CpuTimesReader.proc(), settings, Ticker.system());
    }

    /** Whether other processes' CPU time can be read here at all. */
    public boolean canCheck() {
        return reader.read().isPresent();
    }

    /** Starts watching the machine; {@link Window#finish finish} the window when the timed calls are done. */
    public Window watch() {
        return new Window(reader.read());
    }

    /** One attempt's watch over the machine. */
    public final class Window {

        private final Optional<CpuTimes> start;

        private Window(Optional<CpuTimes> start) {
            this.start = start;
        }

        /** The verdict on the attempt that ran since {@link #watch()}, whose calls spread as {@code dispersion}. */
        public ContentionCheck finish(Dispersion dispersion) {
            Optional<CpuTimes> end = reader.read();
            Double share = start.isPresent() && end.isPresent() ? end.get().otherShareSince(start.get()) : null;
            return judge(share, dispersion);
        }
    }

    /** The verdict on an attempt during which other processes used {@code otherCpuShare} (null: unknown). */
    public ContentionCheck judge(@Nullable Double otherCpuShare, Dispersion dispersion) {
        boolean spread = dispersion.relativeIqr() > settings.maxRelativeIqr()
                || dispersion.maxMinRatio() > settings.maxMinRatio();
        ContentionCheck.Verdict verdict;
        if (spread || (otherCpuShare != null && otherCpuShare >= settings.maxOtherCpuShare())) {
            verdict = ContentionCheck.Verdict.CONTENDED;
        } else if (otherCpuShare == null) {
            verdict = ContentionCheck.Verdict.UNCHECKED;
        } else {
            verdict = ContentionCheck.Verdict.QUIET;
        }
        return new ContentionCheck(otherCpuShare, dispersion, verdict);
    }

    /**
     * Looks at the machine {@link ContentionSettings#quietWindow()} at a time until other processes use less than
     * {@link ContentionSettings#maxOtherCpuShare()} of the CPU over one look, {@code budget} runs out, the thread is
     * interrupted (the flag is kept) or {@code /proc} cannot be read (then it returns at once).
     *
     * @return how long it waited
     */
    public Duration awaitQuiet(Duration budget) {
        long start = ticker.nanoTime();
        long budgetNanos = budget.toNanos();
        long lastReport = start;
        while (ticker.nanoTime() - start < budgetNanos) {
            Optional<CpuTimes> before = reader.read();
            if (before.isEmpty()) {
                break;
            }
            long left = budgetNanos - (ticker.nanoTime() - start);
            try {
                ticker.sleep(Duration.ofNanos(Math.min(settings.quietWindow().toNanos(), left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Optional<CpuTimes> after = reader.read();
            if (after.isEmpty()) {
                break;
            }
            double share = after.get().otherShareSince(before.get());
            if (share < settings.maxOtherCpuShare()) {
                break;
            }
            long now = ticker.nanoTime();
            if (now - lastReport >= REPORT_EVERY_NANOS) {
                lastReport = now;
                log.info(String.format(
                        Locale.ROOT,
                        "waiting for quiet: other processes use %.0f%% of the CPU; waited %.0f s of %.0f s",
                        100 * share,
                        (now - start) / 1e9,
                        budgetNanos / 1e9));
            }
        }
        return Duration.ofNanos(ticker.nanoTime() - start);
    }
}

package dev.tenshot.agent.contention;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the detector saw during one attempt.
 *
 * @param otherCpuShare share of all cores' time other processes used meanwhile, in [0, 1]; null where {@code /proc}
 *     could not be read
 * @param dispersion the attempt's timed calls
 */
public record ContentionCheck(@Nullable Double otherCpuShare, Dispersion dispersion, Verdict verdict) {

    public enum Verdict {
        /** Other processes stayed below the share and the calls agreed with each other. */
        QUIET,
        /** Other processes used the CPU, or the calls spread too widely to trust. */
        CONTENDED,
        /** {@code /proc} was unreadable and the calls agreed: nothing says contended, nothing proves quiet. */
        UNCHECKED
    }

    public ContentionCheck {
        if (otherCpuShare != null && !(otherCpuShare >= 0 && otherCpuShare <= 1)) {
            throw new IllegalArgumentException("otherCpuShare must be in [0, 1]: " + otherCpuShare);
        }
        if (otherCpuShare == null && verdict == Verdict.QUIET) {
            throw new IllegalArgumentException("an unchecked machine is never quiet");
        }
    }

    /** For logs: {@code others 35% of the CPU, relative IQR 0.04, max/min 1.31}. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "others %s of the CPU, relative IQR %.3f, max/min %.2f",
                otherCpuShare == null ? "unknown" : String.format(Locale.ROOT, "%.0f%%", 100 * otherCpuShare),
                dispersion.relativeIqr(),
                dispersion.maxMinRatio());
    }
}

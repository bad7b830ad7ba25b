package dev.tenshot.agent.contention;

import org.jspecify.annotations.Nullable;

/**
 * How far a measurement can be trusted on a shared machine, as reported to the service (its {@code contention}
 * object). A measurement that is not flagged contended is only claimed quiet when it was checked.
 *
 * @param checked whether other processes' CPU time was read during the kept attempt
 * @param contended true when no attempt was trusted (the kept one ran while others used the CPU, its calls spread
 *     too widely, or the drift probe ran slow); false only when checked and quiet; null when not known
 * @param otherCpuShare share of all cores' time other processes used during the kept attempt, in [0, 1]; null when
 *     not checked
 * @param attempts attempts made for the task, at least 1; null when the runner does not re-measure
 * @param driftRatio the drift probe's time during the kept attempt over its fastest time on a trusted attempt before
 *     (above 1: the machine got slower); null before there is one, or without a probe
 * @param relativeIqr the kept attempt's {@link Dispersion#relativeIqr()}
 * @param maxMinRatio the kept attempt's {@link Dispersion#maxMinRatio()}
 */
public record Contention(
        boolean checked,
        @Nullable Boolean contended,
        @Nullable Double otherCpuShare,
        @Nullable Integer attempts,
        @Nullable Double driftRatio,
        @Nullable Double relativeIqr,
        @Nullable Double maxMinRatio) {

    public Contention {
        if (checked != (otherCpuShare != null)) {
            throw new IllegalArgumentException("otherCpuShare is known exactly when checked: " + otherCpuShare);
        }
        if (checked && contended == null) {
            throw new IllegalArgumentException("a checked measurement is either contended or not");
        }
        if (!checked && Boolean.FALSE.equals(contended)) {
            throw new IllegalArgumentException("an unchecked measurement is never claimed quiet");
        }
        if (otherCpuShare != null && !(otherCpuShare >= 0 && otherCpuShare <= 1)) {
            throw new IllegalArgumentException("otherCpuShare must be in [0, 1]: " + otherCpuShare);
        }
        if (attempts != null && attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1: " + attempts);
        }
        if (driftRatio != null && !(driftRatio > 0 && Double.isFinite(driftRatio))) {
            throw new IllegalArgumentException("driftRatio must be finite and > 0: " + driftRatio);
        }
    }

    /** Nothing ran on a machine that others could share (a simulated device): not checked, not known. */
    public static Contention notMeasured() {
        return new Contention(false, null, null, null, null, null, null);
    }

    /** The contention of a measurement kept after {@code attempts} attempts, the kept one checked as {@code check}. */
    static Contention of(ContentionCheck check, boolean trusted, int attempts, @Nullable Double driftRatio) {
        Boolean contended = !trusted ? Boolean.TRUE : check.verdict() == ContentionCheck.Verdict.QUIET ? false : null;
        return new Contention(
                check.otherCpuShare() != null,
                contended,
                check.otherCpuShare(),
                attempts,
                driftRatio,
                check.dispersion().relativeIqr(),
                check.dispersion().maxMinRatio());
    }
}

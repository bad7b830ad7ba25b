package dev.tenshot.space.mmdit;

import java.util.Arrays;
import java.util.Optional;

/** Width of a kept block's MLP as a fraction of the base model's hidden MLP size (Elastic-DiT's choices). */
public enum MlpWidth {
    QUARTER(0.25),
    HALF(0.5),
    THREE_QUARTERS(0.75),
    FULL(1.0);

    private final double fraction;

    MlpWidth(double fraction) {
        this.fraction = fraction;
    }

    /** Fraction of the base MLP width, in (0, 1]. */
    public double fraction() {
        return fraction;
    }

    /** The width whose fraction is exactly {@code fraction}, if any. */
    public static Optional<MlpWidth> ofFraction(double fraction) {
        return Arrays.stream(values()).filter(w -> w.fraction == fraction).findFirst();
    }
}

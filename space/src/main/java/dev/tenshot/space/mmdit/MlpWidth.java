package dev.tenshot.space.mmdit;

import java.util.Optional;

/** Width of a kept block's MLP as a fraction of the base model's hidden MLP size (Elastic-DiT's choices). */
public enum MlpWidth {
    QUARTER(0.25),
    HALF(0.5),
    THREE_QUARTERS(0.75),
    FULL(1.0);

    private static final MlpWidth[] ALL = values();

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
        // a loop over one shared array: a prediction request checks 24 widths of each of up to 10,000 configs
        for (MlpWidth width : ALL) {
            if (width.fraction == fraction) {
                return Optional.of(width);
            }
        }
        return Optional.empty();
    }
}

package dev.tenshot.space.mmdit;

import java.util.Locale;

/** Numeric format of weights and activations, as bytes per value. */
public enum Precision {
    FP32(4, 4),
    FP16(2, 2),
    /** 8-bit weights, 16-bit activations: the usual Hexagon NPU deployment. */
    W8A16(1, 2),
    INT8(1, 1),
    /** 4-bit weights (two to a byte), 16-bit activations. */
    W4A16(0.5, 2);

    private final double weightBytes;
    private final int activationBytes;

    Precision(double weightBytes, int activationBytes) {
        this.weightBytes = weightBytes;
        this.activationBytes = activationBytes;
    }

    /**
     * The precision a device's free-form label stands for ({@code "w8a16"}, {@code "int8"}, {@code "fp16"},
     * {@code "bf16"}, {@code "int4"}...): a name of this enum in any case, else by its bit widths. A label naming
     * no width reads as FP32, the most bytes per weight, so that a memory budget is never met on paper only.
     */
    public static Precision ofLabel(String label) {
        String p = label.strip().toUpperCase(Locale.ROOT);
        for (Precision precision : values()) {
            if (precision.name().equals(p)) {
                return precision;
            }
        }
        if (p.contains("INT4") || p.startsWith("W4")) {
            return W4A16;
        }
        if (p.startsWith("W8")) {
            return W8A16;
        }
        if (p.contains("8")) {
            return INT8;
        }
        if (p.contains("16")) {
            return FP16;
        }
        return FP32;
    }

    public double weightBytes() {
        return weightBytes;
    }

    public int activationBytes() {
        return activationBytes;
    }
}

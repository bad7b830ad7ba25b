package dev.tenshot.space.mmdit;

/** Numeric format of weights and activations, as bytes per value. */
public enum Precision {
    FP32(4, 4),
    FP16(2, 2),
    /** 8-bit weights, 16-bit activations: the usual Hexagon NPU deployment. */
    W8A16(1, 2),
    INT8(1, 1);

    private final int weightBytes;
    private final int activationBytes;

    Precision(int weightBytes, int activationBytes) {
        this.weightBytes = weightBytes;
        this.activationBytes = activationBytes;
    }

    public int weightBytes() {
        return weightBytes;
    }

    public int activationBytes() {
        return activationBytes;
    }
}

package dev.tenshot.agent.onnx;

import dev.tenshot.space.mmdit.BaseModel;

/**
 * A {@link WorkloadScale} applied to every network of the pipeline, not only the denoiser: widths shrink by the
 * scale's hidden size over the base denoiser's, text tokens by its text tokens over the base's, and pixel or token
 * counts (area) by the image token divisor. Compute then shrinks alike in every stage (about divisor x width factor
 * squared), so stage latencies keep their proportions.
 */
record ScaledShapes(WorkloadScale scale, BaseModel.Denoiser base) {

    /** The unscaled pipeline: hidden as the base denoiser's, no token division, the base's text tokens. */
    static ScaledShapes full(BaseModel.Denoiser base) {
        return new ScaledShapes(WorkloadScale.fullOf(base), base);
    }

    double widthFactor() {
        return scale.hidden() / (double) base.hidden();
    }

    /** A layer width (channels, MLP hidden, embedding width), at least 1. */
    int width(int baseWidth) {
        return (int) Math.max(1, Math.round(baseWidth * widthFactor()));
    }

    /** A width attention splits into heads of 64: a positive multiple of 64. */
    int attentionWidth(int baseWidth) {
        return (int) Math.max(1, Math.round(baseWidth * widthFactor() / WorkloadScale.HEAD_DIM))
                * WorkloadScale.HEAD_DIM;
    }

    int textTokens(int baseTokens) {
        return (int) Math.max(1, Math.round(baseTokens * scale.textTokens() / (double) base.textTokens()));
    }

    int imageTokens(int baseTokens) {
        return scale.imageTokens(baseTokens);
    }

    /** One side of an image: the area shrinks by the divisor, so each side by its square root. */
    int side(int baseSide) {
        return (int) Math.max(1, Math.round(baseSide / Math.sqrt(scale.imageTokenDivisor())));
    }
}

package dev.tenshot.agent.onnx;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How much smaller than the real denoiser the onnx runner's workload is. A CPU cannot run Pyramid-Flow's denoiser
 * (hidden 1536, 4480 image tokens at the finest stage) in seconds, so the runner keeps the structure of every kept
 * joint block (joint attention over text + image tokens, heads of {@value #HEAD_DIM}, MLP ratio and width) and shrinks
 * the hidden size and the token counts. The scale is part of the device's identity and of every measurement: latencies
 * at different scales are not comparable.
 *
 * <p>The default divides everything by 8: hidden 192 (3 heads of 64), image tokens / 8 (35, 140 and 560 for the three
 * pyramid stages) and 16 text tokens. Dividing hidden size and tokens alike keeps attention's share of the FLOPs
 * (which grows with tokens / hidden) as in the full model. On a 2-core AVX-512 server CPU with 2 warm-up and 7 timed
 * calls per stage, one measurement of the dearest reference config takes about 1.3 s of wall time (graph, three
 * sessions and 27 calls) and of the cheapest about 0.25 s; about twice that when other processes share the cores.
 *
 * @param hidden width of the residual stream, a positive multiple of {@value #HEAD_DIM}
 * @param imageTokenDivisor the base model's image tokens per call at each stage are divided by this and rounded (at
 *     least 1 token); at least 1
 * @param textTokens text tokens per call (the base model has 128); at least 1
 */
public record WorkloadScale(int hidden, int imageTokenDivisor, int textTokens) {

    /** Width of one attention head, as in SD3. */
    public static final int HEAD_DIM = 64;

    public WorkloadScale {
        if (hidden < HEAD_DIM || hidden % HEAD_DIM != 0) {
            throw new IllegalArgumentException("hidden must be a positive multiple of " + HEAD_DIM + ": " + hidden);
        }
        if (imageTokenDivisor < 1) {
            throw new IllegalArgumentException("imageTokenDivisor must be >= 1: " + imageTokenDivisor);
        }
        if (textTokens < 1) {
            throw new IllegalArgumentException("textTokens must be >= 1: " + textTokens);
        }
    }

    /** Hidden 192 (3 heads), image tokens / 8, 16 text tokens: the full model divided by 8 throughout. */
    public static WorkloadScale defaults() {
        return new WorkloadScale(192, 8, 16);
    }

    /** The unscaled model: the base denoiser's hidden size and text tokens, image tokens not divided. */
    public static WorkloadScale fullOf(dev.tenshot.space.mmdit.BaseModel.Denoiser base) {
        return new WorkloadScale(base.hidden(), 1, base.textTokens());
    }

    public int heads() {
        return hidden / HEAD_DIM;
    }

    /** Image tokens of one scaled call, from the base model's image tokens at the same pyramid stage. */
    public int imageTokens(int baseImageTokens) {
        return (int) Math.max(1, Math.round(baseImageTokens / (double) imageTokenDivisor));
    }

    /** For device names: {@code hidden 192, tokens/8}. */
    public String label() {
        return "hidden " + hidden + ", tokens/" + imageTokenDivisor;
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("hidden", hidden);
        json.put("heads", heads());
        json.put("headDim", HEAD_DIM);
        json.put("imageTokenDivisor", imageTokenDivisor);
        json.put("textTokens", textTokens);
        return json;
    }
}

package dev.tenshot.space.mmdit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The base model a pruning space is cut from: the MMDiT denoiser, its pyramid stages, the workload and the fixed
 * pipeline stages around the denoiser. Loaded from a descriptor file whose {@code sources} cite every number.
 *
 * @param sources where each number comes from, by topic; estimates are marked as ours
 */
public record BaseModel(
        String name,
        String description,
        Map<String, String> sources,
        Denoiser denoiser,
        Vae vae,
        Pyramid pyramid,
        Workload workload,
        List<FixedStage> fixedStages) {

    private static final String NEODRAGON = "pyramid-flow-sd3-neodragon.json";

    public BaseModel {
        sources = Map.copyOf(sources);
        fixedStages = List.copyOf(fixedStages);
        if (pyramid.defaultSteps().size() != pyramid.stageScales().size()) {
            throw new IllegalArgumentException("defaultSteps needs one entry per pyramid stage: " + pyramid);
        }
        if (denoiser.hidden() % denoiser.heads() != 0) {
            throw new IllegalArgumentException("hidden must be a multiple of heads: " + denoiser);
        }
    }

    /** Pyramid-Flow SD3 as pruned and deployed by Neodragon (the default base model). */
    public static BaseModel neodragon() {
        return load(BaseModel.class.getResourceAsStream(NEODRAGON), NEODRAGON);
    }

    /** Reads a descriptor; unknown fields are an error so a typo cannot silently change a number. */
    public static BaseModel load(InputStream json, String name) {
        if (json == null) {
            throw new IllegalArgumentException("no base-model descriptor " + name);
        }
        try (json) {
            return JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(json, BaseModel.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read base-model descriptor " + name, e);
        }
    }

    /**
     * The MMDiT denoiser: {@code depth} joint blocks, each with an image and a text stream.
     *
     * @param lastBlockTextMlp false when the last block's text stream ends after attention (SD3's pre-only block)
     */
    public record Denoiser(
            int depth,
            int hidden,
            int heads,
            int mlpRatio,
            String activation,
            int patchSize,
            int latentChannels,
            int textTokens,
            int textEmbedDim,
            int pooledTextDim,
            boolean lastBlockTextMlp) {

        public int headDim() {
            return hidden / heads;
        }
    }

    /** Compression of the video VAE: latent = pixels / spatial, latent frames = (frames - 1) / temporal + 1. */
    public record Vae(int spatialCompression, int temporalCompression) {}

    /**
     * Pyramidal flow matching: the denoiser runs at each spatial scale in turn, {@code steps} times per scale.
     *
     * @param stageScales resolution of each stage as a fraction of the full latent resolution, coarse to fine
     * @param classifierFreeGuidance true when each step runs the denoiser twice (conditional and unconditional)
     */
    public record Pyramid(
            List<Double> stageScales,
            List<Integer> defaultSteps,
            int maxStepsPerStage,
            boolean classifierFreeGuidance) {
        public Pyramid {
            stageScales = List.copyOf(stageScales);
            defaultSteps = List.copyOf(defaultSteps);
        }

        public int stages() {
            return stageScales.size();
        }

        public int callsPerStep() {
            return classifierFreeGuidance ? 2 : 1;
        }
    }

    /** What one generation produces: the denoiser's frames and resolution, then super-resolved. */
    public record Workload(int frames, int height, int width, int superResolutionFactor) {}

    /**
     * A pipeline stage the search does not change.
     *
     * @param gflopsPerRun compute of one run; see {@code sources.estimates}
     */
    public record FixedStage(String stage, String model, long parameters, double gflopsPerRun) {}
}

package dev.tenshot.space.mmdit;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
     * @param networks the networks the stage runs, in order, with their shapes, so a runner can build and time
     *     them; null when the descriptor gives none (the stage is then not run)
     */
    public record FixedStage(
            String stage,
            String model,
            long parameters,
            double gflopsPerRun,
            @Nullable List<Network> networks) {
        public FixedStage {
            networks = networks == null ? null : List.copyOf(networks);
        }
    }

    /**
     * One network of a fixed stage, at full scale. {@code source} names the {@code sources} entry its shape comes
     * from; {@code estimated} is true when the shape is ours (chosen to match published parameter counts), not
     * published.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Transformer.class, name = "transformer"),
        @JsonSubTypes.Type(value = ConvNet.class, name = "convnet")
    })
    public sealed interface Network permits Transformer, ConvNet {
        String name();

        /** Runs per generation, e.g. 4 LCM steps of a UNet; at least 1. */
        int runs();

        String source();

        boolean estimated();
    }

    /**
     * A pre-norm transformer encoder over {@code tokens} tokens: per layer self-attention (heads of 64) and a GELU
     * MLP, each with a residual add. Token embeddings come in as the input (the vocabulary lookup is not run).
     */
    public record Transformer(
            String name, int runs, String source, boolean estimated, int layers, int hidden, int mlpHidden, int tokens)
            implements Network {
        public Transformer {
            if (runs < 1 || layers < 1 || hidden < 1 || mlpHidden < 1 || tokens < 1) {
                throw new IllegalArgumentException("transformer " + name + " needs positive sizes");
            }
        }
    }

    /**
     * A convolutional network over {@code batch} images of {@code height x width} with {@code inChannels}: a 3x3 input
     * convolution, then each level in order, then a 3x3 output convolution to {@code outChannels x depthToSpace^2}
     * channels and, when {@code depthToSpace > 1}, a DepthToSpace to {@code outChannels}.
     */
    public record ConvNet(
            String name,
            int runs,
            String source,
            boolean estimated,
            int batch,
            int height,
            int width,
            int inChannels,
            int outChannels,
            int depthToSpace,
            List<Level> levels)
            implements Network {
        public ConvNet {
            levels = List.copyOf(levels);
            if (runs < 1 || batch < 1 || height < 1 || width < 1 || inChannels < 1 || outChannels < 1) {
                throw new IllegalArgumentException("convnet " + name + " needs positive sizes");
            }
            if (depthToSpace < 1) {
                throw new IllegalArgumentException("depthToSpace must be >= 1: " + depthToSpace);
            }
        }
    }

    /**
     * One resolution level of a {@link ConvNet}.
     *
     * @param resample {@code up} (nearest x2 before the level), {@code down} (stride-2 3x3 convolution before it) or
     *     {@code none}
     * @param convs 3x3 convolutions with SiLU at this level (a ResNet block holds two)
     * @param transformers transformer layers over the level's pixels as tokens (self-attention and a 4x GELU MLP)
     */
    public record Level(int channels, String resample, int convs, int transformers) {
        public Level {
            if (!List.of("up", "down", "none").contains(resample)) {
                throw new IllegalArgumentException("resample must be up, down or none: " + resample);
            }
            if (channels < 1 || convs < 0 || transformers < 0) {
                throw new IllegalArgumentException("level needs channels >= 1, convs and transformers >= 0");
            }
        }
    }
}

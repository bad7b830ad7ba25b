package dev.tenshot.agent.onnx;

import dev.tenshot.agent.contention.ContentionSettings;
import java.time.Duration;

/**
 * How the onnx runner measures. Start from {@link #defaults()} and adjust with the {@code with...} methods.
 *
 * @param scale the workload scale; part of the device's identity
 * @param warmup untimed denoiser calls per pyramid stage before the timed ones; at least 0
 * @param repeats timed denoiser calls per pyramid stage; at least 1
 * @param threads ONNX Runtime intra-op threads; at least 1
 * @param executionProvider where ONNX Runtime runs the graph
 * @param seed seeds the random weights and inputs, so every run of a config times the same model
 * @param contention when a measurement counts as quiet, and how often and how long to try for one
 * @param fixedStageRefresh how long a measurement of the fixed stages (text encoders, first frame, VAE decoder,
 *     super-resolution), which no config changes, is reused before they are measured again; positive
 */
public record OnnxSettings(
        WorkloadScale scale,
        int warmup,
        int repeats,
        int threads,
        ExecutionProvider executionProvider,
        long seed,
        ContentionSettings contention,
        Duration fixedStageRefresh) {

    public static final int DEFAULT_WARMUP = 2;
    public static final int DEFAULT_REPEATS = 7;
    public static final long DEFAULT_SEED = 20_240_305L;
    public static final Duration DEFAULT_FIXED_STAGE_REFRESH = Duration.ofHours(6);

    public OnnxSettings {
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be >= 0: " + warmup);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1: " + repeats);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        if (fixedStageRefresh.isNegative() || fixedStageRefresh.isZero()) {
            throw new IllegalArgumentException("fixedStageRefresh must be positive: " + fixedStageRefresh);
        }
    }

    /**
     * Default scale, 2 warm-up and 7 timed calls per stage, one thread per available processor, CPU, {@link
     * ContentionSettings#defaults()}, fixed stages measured again after 6 hours.
     */
    public static OnnxSettings defaults() {
        return new OnnxSettings(
                WorkloadScale.defaults(),
                DEFAULT_WARMUP,
                DEFAULT_REPEATS,
                Runtime.getRuntime().availableProcessors(),
                ExecutionProvider.CPU,
                DEFAULT_SEED,
                ContentionSettings.defaults(),
                DEFAULT_FIXED_STAGE_REFRESH);
    }

    public OnnxSettings withScale(WorkloadScale scale) {
        return new OnnxSettings(
                scale, warmup, repeats, threads, executionProvider, seed, contention, fixedStageRefresh);
    }

    public OnnxSettings withCalls(int warmup, int repeats) {
        return new OnnxSettings(
                scale, warmup, repeats, threads, executionProvider, seed, contention, fixedStageRefresh);
    }

    public OnnxSettings withThreads(int threads) {
        return new OnnxSettings(
                scale, warmup, repeats, threads, executionProvider, seed, contention, fixedStageRefresh);
    }

    public OnnxSettings withExecutionProvider(ExecutionProvider executionProvider) {
        return new OnnxSettings(
                scale, warmup, repeats, threads, executionProvider, seed, contention, fixedStageRefresh);
    }

    public OnnxSettings withSeed(long seed) {
        return new OnnxSettings(
                scale, warmup, repeats, threads, executionProvider, seed, contention, fixedStageRefresh);
    }

    public OnnxSettings withContention(ContentionSettings contention) {
        return new OnnxSettings(
                scale, warmup, repeats, threads, executionProvider, seed, contention, fixedStageRefresh);
    }

    public OnnxSettings withFixedStageRefresh(Duration fixedStageRefresh) {
        return new OnnxSettings(
                scale, warmup, repeats, threads, executionProvider, seed, contention, fixedStageRefresh);
    }
}

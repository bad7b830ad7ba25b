package dev.tenshot.agent.onnx;

import dev.tenshot.agent.contention.ContentionSettings;

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
 */
public record OnnxSettings(
        WorkloadScale scale,
        int warmup,
        int repeats,
        int threads,
        ExecutionProvider executionProvider,
        long seed,
        ContentionSettings contention) {

    public static final int DEFAULT_WARMUP = 2;
    public static final int DEFAULT_REPEATS = 7;
    public static final long DEFAULT_SEED = 20_240_305L;

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
    }

    /**
     * Default scale, 2 warm-up and 7 timed calls per stage, one thread per available processor, CPU, {@link
     * ContentionSettings#defaults()}.
     */
    public static OnnxSettings defaults() {
        return new OnnxSettings(
                WorkloadScale.defaults(),
                DEFAULT_WARMUP,
                DEFAULT_REPEATS,
                Runtime.getRuntime().availableProcessors(),
                ExecutionProvider.CPU,
                DEFAULT_SEED,
                ContentionSettings.defaults());
    }

    public OnnxSettings withScale(WorkloadScale scale) {
        return new OnnxSettings(scale, warmup, repeats, threads, executionProvider, seed, contention);
    }

    public OnnxSettings withCalls(int warmup, int repeats) {
        return new OnnxSettings(scale, warmup, repeats, threads, executionProvider, seed, contention);
    }

    public OnnxSettings withThreads(int threads) {
        return new OnnxSettings(scale, warmup, repeats, threads, executionProvider, seed, contention);
    }

    public OnnxSettings withExecutionProvider(ExecutionProvider executionProvider) {
        return new OnnxSettings(scale, warmup, repeats, threads, executionProvider, seed, contention);
    }

    public OnnxSettings withSeed(long seed) {
        return new OnnxSettings(scale, warmup, repeats, threads, executionProvider, seed, contention);
    }

    public OnnxSettings withContention(ContentionSettings contention) {
        return new OnnxSettings(scale, warmup, repeats, threads, executionProvider, seed, contention);
    }
}

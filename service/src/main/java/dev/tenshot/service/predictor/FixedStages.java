package dev.tenshot.service.predictor;

import dev.tenshot.service.measurement.MeasuredConfig;
import dev.tenshot.space.statistics.SampleStatistics;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The stages of a device's pipeline that do not depend on the config, as the device measured them: each the median
 * over its newest trusted measurements (those its predictor learns from: quiet ones, and a reference config's only
 * measurement) that timed the denoiser's calls one by one. {@code otherMs} is the rest of end
 * to end beyond the denoiser and the named stages (the first-frame image generator and its VAE encode, where the
 * agent times them, and the gaps between stages).
 *
 * <p>A prediction's breakdown is these plus the denoiser's share: the predicted end to end minus {@link #totalMs}.
 * The predictor learns end to end, not the denoiser alone: on the meta_valid devices both were as accurate, and the
 * denoiser-alone bound was exceeded five times as often ({@code scripts/evaluate-staged-prediction},
 * docs/benchmarks.md).
 *
 * @param measurements how many measurements the medians are over
 */
public record FixedStages(
        double textEncoderMs, double vaeDecoderMs, double superResolutionMs, double otherMs, int measurements) {

    /** The newest measurements the medians are over: a device's stages change when its runtime does. */
    static final int NEWEST = 25;

    /** All the fixed stages: what end to end is beyond the denoiser. */
    public double totalMs() {
        return textEncoderMs + vaeDecoderMs + superResolutionMs + otherMs;
    }

    /** The denoiser's share of a predicted end to end; 0 where the prediction is below the fixed stages. */
    public double denoiserMs(double endToEndMs) {
        return Math.max(0, endToEndMs - totalMs());
    }

    /**
     * The fixed stages of a device's measurements (oldest first, as the predictor reads them).
     *
     * @return empty when none of them timed the denoiser's calls
     */
    static Optional<FixedStages> of(List<MeasuredConfig> measurements) {
        List<MeasuredConfig> staged =
                measurements.stream().filter(m -> m.denoiserMs() != null).toList();
        if (staged.isEmpty()) {
            return Optional.empty();
        }
        List<MeasuredConfig> newest = staged.subList(Math.max(0, staged.size() - NEWEST), staged.size());
        double textEncoder = median(newest, m -> orZero(m.textEncoderMs()));
        double vaeDecoder = median(newest, m -> orZero(m.vaeDecoderMs()));
        double superResolution = median(newest, m -> orZero(m.superResolutionMs()));
        double other = median(
                newest,
                m -> Math.max(
                        0,
                        m.endToEndMs()
                                - nonNull(m.denoiserMs())
                                - orZero(m.textEncoderMs())
                                - orZero(m.vaeDecoderMs())
                                - orZero(m.superResolutionMs())));
        return Optional.of(new FixedStages(textEncoder, vaeDecoder, superResolution, other, newest.size()));
    }

    private static double median(List<MeasuredConfig> measurements, ToDoubleFunction<MeasuredConfig> stage) {
        return SampleStatistics.median(measurements.stream().mapToDouble(stage).toArray());
    }

    private static double orZero(@Nullable Double ms) {
        return ms == null ? 0 : ms;
    }

    private static double nonNull(@Nullable Double ms) {
        if (ms == null) {
            throw new IllegalStateException("a staged measurement without its denoiser calls");
        }
        return ms;
    }
}

package dev.tenshot.service.predictor;

import dev.tenshot.service.device.DeviceMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The predictors as meters: how long device refits and meta-model trainings take, and each fitted device's errors
 * (leave-one-out on its samples; the previous fit's error on the measurements that came after it) and the weight of
 * each part of its predictor. The per-device gauges are this replica's fits, which live in memory only.
 */
@Component
class PredictorMetrics {

    static final String LEAVE_ONE_OUT = "leave-one-out";
    static final String SINCE_LAST_FIT = "since-last-fit";

    private final Timer fit;
    private final Timer training;
    private final MultiGauge errors;
    private final MultiGauge partWeights;

    PredictorMetrics(MeterRegistry meters) {
        this.fit = Timer.builder("tenshot.predictor.fit")
                .description("Refits of a device's predictor")
                .register(meters);
        this.training = Timer.builder("tenshot.metamodel.training")
                .description("Meta-model trainings (a start-up that loads the stored model trains none)")
                .register(meters);
        this.errors = MultiGauge.builder("tenshot.predictor.error")
                .description("Mean absolute percentage error of the device's fitted predictor, by kind")
                .baseUnit("percent")
                .register(meters);
        this.partWeights = MultiGauge.builder("tenshot.predictor.part.weight")
                .description(
                        "Weight of each part (meta-model, cost proxy, source devices...) in the device's predictor")
                .register(meters);
    }

    void fitted(Duration took) {
        fit.record(took);
    }

    void trained(Duration took) {
        training.record(took);
    }

    /**
     * Replaces the per-device gauges with those of the given fits: a device without a fit has none. Synchronized:
     * refits of two devices end at once, and the later snapshot must win whole.
     */
    synchronized void update(Map<UUID, DevicePredictors.Fit> fits) {
        List<MultiGauge.Row<?>> errorRows = new ArrayList<>();
        List<MultiGauge.Row<?>> weightRows = new ArrayList<>();
        fits.forEach((device, fit) -> {
            Tags tags = Tags.of(DeviceMeters.TAG, device.toString());
            errorRows.add(MultiGauge.Row.of(
                    tags.and("kind", LEAVE_ONE_OUT), fit.accuracy().mapePercent()));
            DevicePredictors.Accuracy sinceLastFit = fit.sinceLastFit();
            if (sinceLastFit != null) {
                errorRows.add(MultiGauge.Row.of(tags.and("kind", SINCE_LAST_FIT), sinceLastFit.mapePercent()));
            }
            fit.predictor()
                    .parts()
                    .forEach(part -> weightRows.add(MultiGauge.Row.of(tags.and("part", part.name()), part.weight())));
        });
        errors.register(errorRows, true);
        partWeights.register(weightRows, true);
    }
}

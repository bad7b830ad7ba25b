package dev.tenshot.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IntervalLevelTest {

    @Test
    void theDevicePredictorsQuantileIsTheMetaModelsLevel() {
        assertThat(DevicePredictor.Z_INTERVAL)
                .isCloseTo(Metrics.normalQuantile((1 + MetaModel.INTERVAL_LEVEL) / 2), within(1e-14));
    }
}

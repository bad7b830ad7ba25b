package dev.tenshot.service.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.ServiceIT;
import dev.tenshot.service.device.DeviceService;
import dev.tenshot.service.measurement.MeasurementQueries;
import dev.tenshot.space.SearchSpaces;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A restarted replica predicts at once with the newest stored meta-model (replicas share the stored versions) and
 * checks it against the data in the background; it used to answer 409 "fewer than three source devices" for the
 * ~40 s of retraining.
 */
@ServiceIT
class MetaModelRestartIT {

    private static final String SPACE = "mmdit-pruning";

    @Autowired
    SearchSpaces spaces;

    @Autowired
    DeviceService devices;

    @Autowired
    MeasurementQueries measurements;

    @Autowired
    MetaModelRepository stored;

    @Autowired
    PredictorMetrics metrics;

    @Test
    void aRestartedReplicaServesTheNewestStoredModelBeforeItsStartUpReturns() {
        long newest = stored.findFirstBySpaceOrderByIdDesc(SPACE).orElseThrow().version();
        var restarted = new MetaModels(spaces, devices, measurements, stored, metrics, Clock.systemUTC());
        try {
            assertThat(restarted.current(SPACE)).as("before start-up").isEmpty();

            restarted.loadOrTrainAtStartUp();

            assertThat(restarted.current(SPACE))
                    .as("served as soon as start-up returns, the check against the data still in the background")
                    .hasValueSatisfying(model -> assertThat(model.version()).isGreaterThanOrEqualTo(newest));
        } finally {
            restarted.stopTraining();
        }
    }
}

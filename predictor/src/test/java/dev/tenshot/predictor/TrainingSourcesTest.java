package dev.tenshot.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainingSourcesTest {

    private static final int FEATURES = 4; // ten samples needed
    private static final int[] REFERENCE = {0, 1, 2};

    @Test
    void takesADeviceWithEnoughSamplesThatSpreadAtTheReferences() {
        var device = device(10, new double[] {10, 20, 40});

        assertThat(TrainingSources.judge(device, FEATURES, REFERENCE)).isEqualTo(TrainingSources.Verdict.SOURCE);
    }

    @Test
    void waitsForTwoSamplesPerCoefficient() {
        var device = device(9, new double[] {10, 20, 40});

        assertThat(TrainingSources.minimumSamples(FEATURES)).isEqualTo(10);
        assertThat(TrainingSources.judge(device, FEATURES, REFERENCE))
                .isEqualTo(TrainingSources.Verdict.TOO_FEW_SAMPLES);
    }

    @Test
    void leavesOutADeviceWhoseReferenceLatenciesBarelyDiffer() {
        var device = device(10, new double[] {10, 11, 14});

        assertThat(TrainingSources.judge(device, FEATURES, REFERENCE)).isEqualTo(TrainingSources.Verdict.UNINFORMATIVE);
    }

    @Test
    void judgesADeviceOfAnOlderReferenceSetByAllItsMeasurements() {
        // none of its rows is a current reference: rows 10.. spread 10 to 19 ms, under 1.5x is 15
        int[] rows = IntStream.range(10, 20).toArray();
        double[] spread = IntStream.range(10, 20).mapToDouble(i -> i).toArray();
        double[] flat = IntStream.range(10, 20).mapToDouble(i -> 10 + i * 0.1).toArray();

        assertThat(TrainingSources.judge(new SourceDevice("old", rows, spread), FEATURES, REFERENCE))
                .isEqualTo(TrainingSources.Verdict.SOURCE);
        assertThat(TrainingSources.judge(new SourceDevice("flat", rows, flat), FEATURES, REFERENCE))
                .isEqualTo(TrainingSources.Verdict.UNINFORMATIVE);
    }

    /** {@code samples} measurements: the reference rows at the given latencies, then other rows at 15 ms. */
    private static SourceDevice device(int samples, double[] atReferences) {
        int[] rows = IntStream.range(0, samples).toArray();
        double[] latency = new double[samples];
        for (int i = 0; i < samples; i++) {
            latency[i] = i < atReferences.length ? atReferences[i] : 15;
        }
        return new SourceDevice("device", rows, latency);
    }
}

package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FrontPointTest {

    private static final UUID DEVICE = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @Test
    void showsTheLatestMeasuredLatencyAndPeakOverWhatWasStored() {
        var stored = new FrontPoint(UUID.randomUUID(), point(null, null));

        var live = stored.toPoint(95.0, 2.9e9, 100);
        var unmeasured = stored.toPoint(null, null, 100);

        assertThat(live.measuredLatencyMs()).isEqualTo(95.0);
        assertThat(live.meetsBudget()).isTrue();
        assertThat(live.measuredPeakMemoryBytes()).isEqualTo(2_900_000_000L);
        assertThat(unmeasured.measuredLatencyMs()).isNull();
        assertThat(unmeasured.measuredPeakMemoryBytes()).isNull();
    }

    @Test
    void keepsWhatAVerificationRoundStoredWhenNothingNewerIsMeasured() {
        var stored = new FrontPoint(UUID.randomUUID(), point(105.0, 3_100_000_000L));

        var shown = stored.toPoint(null, null, 100);

        assertThat(shown.measuredLatencyMs()).isEqualTo(105.0);
        assertThat(shown.meetsBudget()).isFalse();
        assertThat(shown.measuredPeakMemoryBytes()).isEqualTo(3_100_000_000L);
        assertThat(shown.fixedStagesMs()).isEqualTo(40.0);
        assertThat(shown.denoiserMs())
                .as("predicted latency beyond the fixed stages")
                .isEqualTo(60.0);
    }

    private static FrontResponse.Point point(Double measuredMs, Long measuredPeakBytes) {
        return new FrontResponse.Point(
                0,
                DEVICE,
                1,
                JsonMapper.builder().build().createObjectNode(),
                "hash",
                20,
                100.0,
                90.0,
                110.0,
                115.0,
                0.9,
                1_000_000,
                true,
                0,
                measuredMs,
                FrontPoint.meetsBudget(measuredMs, 100),
                60.0,
                40.0,
                3_000_000_000L,
                measuredPeakBytes);
    }
}

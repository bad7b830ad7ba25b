package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FrontCsvTest {

    private static final UUID DEVICE = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    @Test
    void writesEveryFieldOfEveryPointUnderItsHeader() {
        var config = JsonMapper.builder().build().readTree("{\"keep\":[true,false],\"note\":\"a \\\"b\\\", c\"}");
        var measured = new FrontResponse.Point(
                0,
                DEVICE,
                2,
                config,
                "abc",
                1,
                12.5,
                11.0,
                14.0,
                13.0,
                0.9,
                1000,
                true,
                0,
                12.25,
                true,
                8.5,
                4.0,
                3_000_000_000L,
                2_900_000_000L);
        var predicted = new FrontResponse.Point(
                1, DEVICE, 2, config, "def", 1, 20.0, null, null, null, 0.95, 2000, false, 0.5, null, null, null, null,
                null, null);
        var front =
                new FrontResponse(UUID.randomUUID(), List.of(DEVICE), 2, 15.0, 0.9, 0.8, List.of(measured, predicted));

        var rows = CsvRows.parse(FrontCsv.render(front));

        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst())
                .containsEntry("point", "0")
                .containsEntry("device_id", DEVICE.toString())
                .containsEntry("round", "2")
                .containsEntry("config_hash", "abc")
                .containsEntry("latency_ms", "12.5000")
                .containsEntry("latency_bound_ms", "13.0000")
                .containsEntry("feasible", "true")
                .containsEntry("measured_latency_ms", "12.2500")
                .containsEntry("meets_budget", "true")
                .containsEntry("denoiser_ms", "8.5000")
                .containsEntry("fixed_stages_ms", "4.0000")
                .containsEntry("peak_memory_bytes", "3000000000")
                .containsEntry("measured_peak_memory_bytes", "2900000000")
                .containsEntry("config", config.toString());
        assertThat(rows.get(1))
                .containsEntry("latency_lower_ms", "")
                .containsEntry("measured_latency_ms", "")
                .containsEntry("fixed_stages_ms", "")
                .containsEntry("peak_memory_bytes", "")
                .containsEntry("meets_budget", "")
                .containsEntry("violation", "0.500000");
    }
}

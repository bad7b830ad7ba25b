package dev.tenshot.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.agent.api.ApiMessages;
import dev.tenshot.agent.contention.Contention;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.runner.StageLatencies;
import dev.tenshot.space.Statistic;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MeasurementPayloadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void reportsTheContentionAsTheServiceReadsIt() {
        var contention = new Contention(true, true, 0.42, 4, 1.31, 0.08, 1.9);

        JsonNode body = payload(contention);

        assertThat(body.get("contention")).isEqualTo(JSON.readTree("""
                        {"checked": true, "contended": true, "otherCpuShare": 0.42, "attempts": 4,
                         "driftRatio": 1.31, "relativeIqr": 0.08, "maxMinRatio": 1.9}
                        """));
    }

    @Test
    void reportsUnknownContentionValuesAsNull() {
        JsonNode body = payload(Contention.notMeasured());

        assertThat(body.get("contention").get("checked").asBoolean()).isFalse();
        assertThat(body.get("contention").get("contended").isNull()).isTrue();
        assertThat(body.get("contention").get("otherCpuShare").isNull()).isTrue();
    }

    @Test
    void leavesContentionOutWhenTheRunnerCannotTell() {
        assertThat(payload(null).has("contention")).isFalse();
    }

    private static JsonNode payload(@Nullable Contention contention) {
        var task = new ApiMessages.LeasedTask(
                7, "mmdit-pruning", JSON.readTree("{}"), "hash", "reference", UUID.randomUUID(), Instant.EPOCH);
        var measured = new RunOutcome.Measured(
                StageLatencies.endToEnd(12.5),
                null,
                1,
                3,
                Statistic.MEDIAN,
                0.4,
                "onnxruntime 1.29.0",
                2,
                "fp32",
                JSON.createObjectNode(),
                contention);
        return MeasurementPayload.of(task, measured, Instant.EPOCH);
    }
}

package dev.tenshot.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.agent.api.ApiMessages;
import dev.tenshot.agent.contention.Contention;
import dev.tenshot.agent.runner.RunOutcome;
import dev.tenshot.agent.runner.StageLatencies;
import dev.tenshot.space.Statistic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's side of the agent-service contract, version 1 ({@code docs/contract/v1}): it reads what the service
 * sends and writes exactly the result the service is tested to take.
 */
class ContractV1Test {

    private static final Path CONTRACT = Path.of("../docs/contract/v1");
    // as the agent's client reads answers: fields it does not know are ignored, so the service may add some
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void readsTheServicesLeasedTasks() throws IOException {
        ApiMessages.LeasedTask task = leasedTask();

        assertThat(task.taskId()).isEqualTo(42);
        assertThat(task.space()).isEqualTo("mmdit-pruning");
        assertThat(task.config().path("steps").size()).isEqualTo(3);
        assertThat(task.configHash()).hasSize(64);
        assertThat(task.purpose()).isEqualTo("reference");
        assertThat(task.leaseToken()).isEqualTo(UUID.fromString("7b1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"));
        assertThat(task.leaseExpiresAt()).isEqualTo(Instant.parse("2026-12-05T12:10:00Z"));
    }

    @Test
    void writesTheResultTheServiceTakes() throws IOException {
        JsonNode expected = read("task-result.json");
        ApiMessages.LeasedTask task = leasedTask();
        List<Double> calls = new ArrayList<>(Collections.nCopies(10, 40.0));
        calls.addAll(List.of(90.0, 90.0, 90.0, 200.0, 200.0));
        var measured = new RunOutcome.Measured(
                new StageLatencies(1696.0, 120.25, calls, 330.0, 175.75),
                3_500_000_000L,
                2,
                7,
                Statistic.MEDIAN,
                12.5,
                "onnxruntime 1.29.0",
                2,
                "fp32",
                JSON.readTree("{\"runner\": \"onnx\", \"executionProvider\": \"cpu\"}"),
                new Contention(true, false, 0.04, 1, 1.02, 0.03, 1.1));

        JsonNode measurement = MeasurementPayload.of(task, measured, Instant.parse("2026-12-05T12:05:30Z"));

        assertThat(measurement).isEqualTo(expected.get("measurement"));
        assertThat(expected.get("leaseToken").asString())
                .isEqualTo(task.leaseToken().toString());
    }

    @Test
    void readsTheServicesAcknowledgement() throws IOException {
        var ack = JSON.treeToValue(read("result-ack.json"), ApiMessages.ResultAck.class);

        assertThat(ack).isEqualTo(new ApiMessages.ResultAck(42, 1001, false, "calibrating"));
    }

    private static ApiMessages.LeasedTask leasedTask() throws IOException {
        return JSON.treeToValue(read("leased-tasks.json").get("tasks").get(0), ApiMessages.LeasedTask.class);
    }

    private static JsonNode read(String file) throws IOException {
        return JSON.readTree(Files.readString(CONTRACT.resolve(file)));
    }
}

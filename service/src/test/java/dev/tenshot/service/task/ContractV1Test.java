package dev.tenshot.service.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;

import dev.tenshot.service.OpenApiContract;
import dev.tenshot.service.access.WebSliceAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's side of the agent-service contract, version 1 ({@code docs/contract/v1}): it writes the leased tasks
 * and the acknowledgement the agent is tested to read, and takes the result the agent is tested to write.
 */
@WebMvcTest(controllers = TaskController.class)
@WebSliceAccess
class ContractV1Test {

    private static final Path CONTRACT = Path.of("../docs/contract/v1");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID DEVICE = UUID.fromString("0b8c3f6e-2a1d-4c59-9f3e-5d7a1b2c3d4e");
    private static final String ADMIN = "Bearer " + WebSliceAccess.ADMIN_TOKEN;

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    TaskQueue queue;

    @Test
    void writesTheLeasedTasksTheAgentReads() throws IOException {
        JsonNode sample = read("leased-tasks.json");
        JsonNode task = sample.get("tasks").get(0);
        given(queue.lease(eq(DEVICE), anyInt(), any()))
                .willReturn(List.of(new LeasedTask(
                        task.get("taskId").asLong(),
                        task.get("space").asString(),
                        task.get("config"),
                        task.get("configHash").asString(),
                        TaskPurpose.REFERENCE,
                        UUID.fromString(task.get("leaseToken").asString()),
                        Instant.parse(task.get("leaseExpiresAt").asString()))));

        MvcTestResult answer = post("/api/v1/devices/" + DEVICE + "/tasks/leases", "{\"max\": 1}");

        assertThat(answer).hasStatusOk();
        JsonNode body = JSON.readTree(answer.getResponse().getContentAsString());
        assertThat(body).isEqualTo(sample);
        OpenApiContract.committed()
                .check("POST", "/api/v1/devices/" + DEVICE + "/tasks/leases", 200, "application/json", body);
    }

    @Test
    void takesTheResultTheAgentWritesAndAnswersTheAcknowledgement() throws IOException {
        JsonNode ack = read("result-ack.json");
        var request = ArgumentCaptor.forClass(TaskRequests.ResultRequest.class);
        given(queue.complete(eq(DEVICE), eq(42L), request.capture()))
                .willReturn(new TaskRequests.ResultResponse(42, 1001, false, "calibrating"));

        MvcTestResult answer = post(
                "/api/v1/devices/" + DEVICE + "/tasks/42/result",
                read("task-result.json").toString());

        assertThat(answer).hasStatusOk();
        JsonNode body = JSON.readTree(answer.getResponse().getContentAsString());
        assertThat(body).isEqualTo(ack);
        OpenApiContract.committed()
                .check("POST", "/api/v1/devices/" + DEVICE + "/tasks/42/result", 200, "application/json", body);
        var measurement = request.getValue().measurement();
        assertThat(request.getValue().leaseToken()).isEqualTo(UUID.fromString("7b1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"));
        assertThat(measurement.clientId()).isEqualTo("task-42");
        assertThat(measurement.latency().endToEndMs()).isEqualTo(1696.0);
        assertThat(measurement.latency().denoiserCallsMs()).hasSize(15);
        assertThat(measurement.peakMemoryBytes()).isEqualTo(3_500_000_000L);
        assertThat(measurement.measuredAt()).isEqualTo(Instant.parse("2026-12-05T12:05:30Z"));
        assertThat(measurement.contention()).isNotNull();
        assertThat(measurement.contention().otherCpuShare()).isEqualTo(0.04);
        assertThat(measurement.runnerSettings())
                .isEqualTo(JSON.readTree("{\"runner\":\"onnx\",\"executionProvider\":\"cpu\"}"));
    }

    private MvcTestResult post(String path, String body) {
        return mvc.post()
                .uri(path)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    private static JsonNode read(String file) throws IOException {
        return JSON.readTree(Files.readString(CONTRACT.resolve(file)));
    }
}

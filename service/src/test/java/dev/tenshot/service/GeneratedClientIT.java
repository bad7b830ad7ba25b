package dev.tenshot.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.client.ApiClient;
import dev.tenshot.client.api.DevicesApi;
import dev.tenshot.client.api.MeasurementsApi;
import dev.tenshot.client.api.SearchJobsApi;
import dev.tenshot.client.api.TasksApi;
import dev.tenshot.client.model.Config;
import dev.tenshot.client.model.FrontResponse;
import dev.tenshot.client.model.IngestResult;
import dev.tenshot.client.model.LeaseRequest;
import dev.tenshot.client.model.LeasedTask;
import dev.tenshot.client.model.MeasurementBatch;
import dev.tenshot.client.model.MeasurementRequest;
import dev.tenshot.client.model.MmditPruningConfig;
import dev.tenshot.client.model.RegisterDeviceRequest;
import dev.tenshot.client.model.RegisteredDeviceResponse;
import dev.tenshot.client.model.ResultRequest;
import dev.tenshot.client.model.SearchJobRequest;
import dev.tenshot.client.model.SearchJobResponse;
import dev.tenshot.client.model.StageLatencies;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client generated from the committed {@code docs/openapi.json} (openapi-generator's Java client, built in this
 * module) onboards a device, posts measurements, runs a search and reads its front: what a user's generated client
 * must be able to do. The device is simulated: its latencies come from a formula in this test.
 */
@ServiceIT
class GeneratedClientIT {

    @LocalServerPort
    int port;

    @Test
    void registersMeasuresSearchesAndReadsTheFront() throws Exception {
        RegisteredDeviceResponse registered = new DevicesApi(client(HttpApi.ADMIN_TOKEN))
                .registerDevice(new RegisterDeviceRequest()
                        .name("generated client " + UUID.randomUUID() + " (simulated)")
                        .kind(RegisterDeviceRequest.KindEnum.NPU)
                        .chipset("formula")
                        .runtime("none")
                        .precision("w8a16")
                        .simulated(true));
        UUID deviceId = registered.getId();
        ApiClient agent = client(registered.getAgentToken());

        List<LeasedTask> references = new TasksApi(agent)
                .leaseTasks(deviceId, new LeaseRequest().max(10).leaseSeconds(60))
                .getTasks();
        for (LeasedTask task : references) {
            new TasksApi(agent)
                    .completeTask(
                            deviceId,
                            task.getTaskId(),
                            new ResultRequest()
                                    .leaseToken(task.getLeaseToken())
                                    .measurement(measurement(task.getConfig(), "task-" + task.getTaskId())));
        }
        IngestResult extra = new MeasurementsApi(agent)
                .postMeasurements(
                        deviceId,
                        new MeasurementBatch()
                                .measurements(List.of(
                                        measurement(references.getFirst().getConfig(), "again-1"))));
        SearchJobsApi searches = new SearchJobsApi(client(HttpApi.ADMIN_TOKEN));
        SearchJobResponse submitted = searches.submitSearchJob(new SearchJobRequest()
                .devices(List.of(deviceId))
                .objectives(List.of("latency", "quality"))
                .budget(new dev.tenshot.client.model.Budget().population(16).generations(4))
                .seed(5L));
        SearchJobResponse finished = submitted;
        for (long deadline = System.nanoTime() + 60_000_000_000L;
                !isFinal(finished) && System.nanoTime() < deadline; ) {
            Thread.sleep(100);
            finished = searches.showSearchJob(submitted.getId());
        }
        FrontResponse front = searches.showFront(submitted.getId(), null);

        assertThat(references).hasSize(10);
        assertThat(extra.getStored()).isEqualTo(1);
        assertThat(new DevicesApi(agent).showOwnDevice().getStatus().getValue()).isEqualTo("ready");
        assertThat(finished.getState()).isEqualTo(SearchJobResponse.StateEnum.DONE);
        assertThat(front.getPoints()).isNotEmpty().allSatisfy(point -> {
            assertThat(point.getDeviceId()).isEqualTo(deviceId);
            assertThat(point.getLatencyMs()).isPositive();
            assertThat(point.getConfig().getActualInstance()).isInstanceOf(MmditPruningConfig.class);
        });
    }

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    /** A made-up device: 300 ms, plus 40 ms a kept block and 20 ms a denoiser step. */
    private static MeasurementRequest measurement(Config config, String clientId) {
        MmditPruningConfig mmdit = config.getMmditPruningConfig();
        long kept = ((List<?>) mmdit.getKeep())
                .stream()
                        .filter(bit ->
                                Boolean.TRUE.equals(bit) || Integer.valueOf(1).equals(bit))
                        .count();
        int steps = ((List<?>) mmdit.getSteps())
                .stream().mapToInt(s -> ((Number) s).intValue()).sum();
        return new MeasurementRequest()
                .clientId(clientId)
                .space("mmdit-pruning")
                .config(config)
                .latency(new StageLatencies().endToEndMs(300.0 + 40.0 * kept + 20.0 * steps))
                .warmupCount(1)
                .repeatCount(3)
                .statistic(MeasurementRequest.StatisticEnum.MEDIAN)
                .measuredAt(OffsetDateTime.now());
    }

    private static boolean isFinal(SearchJobResponse job) {
        return switch (job.getState()) {
            case DONE, FAILED, CANCELLED -> true;
            default -> false;
        };
    }
}

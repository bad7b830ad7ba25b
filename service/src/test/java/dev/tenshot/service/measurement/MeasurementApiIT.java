package dev.tenshot.service.measurement;

import static dev.tenshot.service.measurement.TestData.batch;
import static dev.tenshot.service.measurement.TestData.batchOf;
import static dev.tenshot.service.measurement.TestData.measurement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.ServiceIT;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ServiceIT
class MeasurementApiIT {

    @LocalServerPort
    int port;

    HttpApi api;
    String deviceId;
    String agentToken;

    @BeforeEach
    void registerDevice() {
        api = new HttpApi(port);
        JsonNode device = api.registerDevice("device-" + UUID.randomUUID());
        deviceId = device.path("id").asString();
        agentToken = device.path("agentToken").asString();
    }

    @Test
    void storesABatchWithItsProvenance() {
        Reply posted = post(agentToken, batch(measurement("m-1", 18, "812.5")));

        Reply listed = api.get(measurementsPath());

        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.body().path("stored").asInt()).isEqualTo(1);
        JsonNode stored = listed.body().path("items").get(0);
        assertThat(stored.path("clientId").asString()).isEqualTo("m-1");
        assertThat(stored.path("latency").path("endToEndMs").asDouble()).isEqualTo(812.5);
        assertThat(stored.path("latency").path("denoiserCallsMs")).hasSize(2);
        assertThat(stored.path("config").path("keep")).hasSize(24);
        assertThat(stored.path("configHash").asString()).hasSize(64);
        assertThat(stored.path("runtimeVersion").asString()).isEqualTo("onnxruntime 1.29.0");
        assertThat(stored.path("statistic").asString()).isEqualTo("median");
        assertThat(measurementCount()).isEqualTo(1);
    }

    @Test
    void storesNothingTwiceWhenABatchIsPostedAgain() {
        String first = batchOf("again", 50);
        post(agentToken, first);

        Reply again = post(agentToken, first);
        Reply overlapping = post(agentToken, batch(measurement("again-0", 3, "1.0"), measurement("new-1", 3, "1.0")));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("stored").asInt()).isZero();
        assertThat(again.body().path("alreadyStored")).hasSize(50);
        assertThat(overlapping.body().path("stored").asInt()).isEqualTo(1);
        assertThat(overlapping.body().path("alreadyStored").get(0).asString()).isEqualTo("again-0");
        assertThat(measurementCount()).isEqualTo(51);
        assertThat(api.get(measurementsPath()).body().path("totalItems").asLong())
                .isEqualTo(51);
    }

    @Test
    void storesEachMeasurementOnceWhenTheSameBatchRacesItself() throws Exception {
        String racing = batchOf("race", 200);
        List<Callable<Reply>> posts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            posts.add(() -> post(agentToken, racing));
        }

        List<Integer> storedPerPost = new ArrayList<>();
        try (var executor = Executors.newFixedThreadPool(4)) {
            for (Future<Reply> reply : executor.invokeAll(posts)) {
                assertThat(reply.get().status()).isEqualTo(200);
                storedPerPost.add(reply.get().body().path("stored").asInt());
            }
        }

        assertThat(storedPerPost.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        assertThat(measurementCount()).isEqualTo(200);
    }

    @Test
    void pagesAndFiltersMeasurements() {
        post(agentToken, batchOf("paged", 30));
        String hash = api.get(measurementsPath() + "?size=1")
                .body()
                .path("items")
                .get(0)
                .path("configHash")
                .asString();

        Reply secondPage = api.get(measurementsPath() + "?page=1&size=10");
        Reply byConfig = api.get(measurementsPath() + "?configHash=" + hash);
        Reply otherSpace = api.get(measurementsPath() + "?space=nasbench201");

        assertThat(secondPage.body().path("items")).hasSize(10);
        assertThat(secondPage.body().path("items").get(0).path("clientId").asString())
                .isEqualTo("paged-10");
        assertThat(secondPage.body().path("totalPages").asInt()).isEqualTo(3);
        assertThat(byConfig.body()
                        .path("items")
                        .valueStream()
                        .map(m -> m.path("configHash").asString()))
                .isNotEmpty()
                .allMatch(hash::equals);
        assertThat(otherSpace.body().path("totalItems").asLong()).isZero();
    }

    @Test
    void rejectsNegativeNanAndInfiniteLatenciesAndStoresNothing() {
        Reply reply = post(
                agentToken,
                batch(
                        measurement("ok", 5, "10.0"),
                        measurement("negative", 5, "-1.0"),
                        measurement("nan", 5, "\"NaN\""),
                        measurement("infinite", 5, "1e999")));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.problemType()).isEqualTo("urn:tenshot:problem:invalid-measurements");
        assertThat(reply.body()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactly(
                        "measurements[1].latency.endToEndMs",
                        "measurements[2].latency.endToEndMs",
                        "measurements[3].latency.endToEndMs");
        assertThat(measurementCount()).as("a rejected batch stores nothing").isZero();
    }

    @Test
    void rejectsAnUnknownSpace() {
        String unknownSpace = measurement("s", 5, "1.0").replace("mmdit-pruning", "resnet-width");

        Reply reply = post(agentToken, batch(unknownSpace));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("urn:tenshot:problem:unknown-space");
        assertThat(reply.body().path("errors").get(0).path("detail").asString())
                .contains("resnet-width", "mmdit-pruning");
        assertThat(measurementCount()).isZero();
    }

    @Test
    void rejectsAConfigItsSpaceRejects() {
        String lastBlockDropped = TestData.measurementDroppingTheLastBlock("c");

        Reply reply = post(agentToken, batch(measurement("fine", 5, "1.0"), lastBlockDropped));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("urn:tenshot:problem:invalid-config");
        assertThat(reply.body().path("errors").get(0).path("field").asString()).isEqualTo("measurements[1].config");
        assertThat(reply.body().path("errors").get(0).path("detail").asString()).contains("last block");
        assertThat(measurementCount()).isZero();
    }

    @Test
    void reportsEveryProblemOfABatchAtOnce() {
        String lastBlockDropped = TestData.measurementDroppingTheLastBlock("c");

        Reply reply = post(agentToken, batch(measurement("negative", 5, "-3"), lastBlockDropped));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("urn:tenshot:problem:invalid-measurements");
        assertThat(reply.body().path("errorCount").asInt()).isEqualTo(2);
        assertThat(reply.body()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactly("measurements[0].latency.endToEndMs", "measurements[1].config");
        assertThat(measurementCount()).isZero();
    }

    @Test
    void rejectsAClientIdRepeatedWithinABatch() {
        Reply reply = post(agentToken, batch(measurement("twice", 5, "1.0"), measurement("twice", 6, "2.0")));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("urn:tenshot:problem:duplicate-client-id");
        assertThat(measurementCount()).isZero();
    }

    @Test
    void keepsTaskClientIdsForTaskResults() {
        Reply reply = post(agentToken, batch(measurement("task-1", 5, "1.0")));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body().path("errors").get(0).path("field").asString()).isEqualTo("measurements[0].clientId");
        assertThat(measurementCount()).isZero();
    }

    @Test
    void rejectsAnOversizedBatch() {
        Reply reply = post(agentToken, batchOf("big", MeasurementIngestion.MAX_BATCH_SIZE + 1));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.problemType()).isEqualTo("urn:tenshot:problem:batch-too-large");
        assertThat(reply.body().path("maxSize").asInt()).isEqualTo(10_000);
        assertThat(measurementCount()).isZero();
    }

    @Test
    void rejectsAnEmptyBatch() {
        Reply reply = post(agentToken, "{\"measurements\": []}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("urn:tenshot:problem:invalid-measurements");
    }

    @Test
    void rejectsMalformedJson() {
        Reply truncated = post(agentToken, "{\"measurements\": [{\"clientId\": ");
        Reply unknownField = post(agentToken, "{\"measurements\": [], \"extra\": 1}");

        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.isProblem()).isTrue();
        assertThat(truncated.problemType()).isEqualTo("urn:tenshot:problem:malformed-request");
        assertThat(truncated.body().has("trace")).isFalse();
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().path("detail").asString()).contains("extra");
    }

    @Test
    void acceptsOnlyThisDevicesTokenOrTheAdminToken() {
        String otherAgent = api.registerDevice("other").path("agentToken").asString();

        Reply anonymous = post(null, batchOf("a", 1));
        Reply unknownToken = post("tsa_forged", batchOf("b", 1));
        Reply otherDevice = post(otherAgent, batchOf("c", 1));
        Reply admin = post(HttpApi.ADMIN_TOKEN, batchOf("d", 1));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(unknownToken.status()).isEqualTo(401);
        assertThat(otherDevice.status()).isEqualTo(403);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(measurementCount()).isEqualTo(1);
    }

    @Test
    void answersAnUnknownDeviceWithNotFound() {
        Reply posted = api.post(
                "/api/v1/devices/" + UUID.randomUUID() + "/measurements", HttpApi.ADMIN_TOKEN, batchOf("x", 1));
        Reply listed = api.get("/api/v1/devices/" + UUID.randomUUID() + "/measurements");

        assertThat(posted.status()).isEqualTo(404);
        assertThat(posted.problemType()).isEqualTo("urn:tenshot:problem:device-not-found");
        assertThat(listed.status()).isEqualTo(404);
    }

    private Reply post(String token, String body) {
        return api.post(measurementsPath(), token, body);
    }

    private String measurementsPath() {
        return "/api/v1/devices/" + deviceId + "/measurements";
    }

    private long measurementCount() {
        return api.get("/api/v1/devices/" + deviceId)
                .body()
                .path("measurementCount")
                .asLong();
    }
}

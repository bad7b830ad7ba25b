package dev.tenshot.service.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.ServiceIT;
import dev.tenshot.service.SimDevices;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ServiceIT
class PredictorApiIT {

    private static final MmditPruningSpace SPACE = MmditPruningSpace.neodragon();

    @LocalServerPort
    int port;

    @Test
    void predictsForADeviceTheMomentItsTenthReferenceLands() throws Exception {
        var api = new HttpApi(port);
        var device = onboard("sim-" + UUID.randomUUID(), "jetson-agx-orin-64gb");

        Reply status = api.get("/api/v1/devices/" + device.id() + "/predictor");
        Reply predicted = api.post("/api/v1/devices/" + device.id() + "/predictions", null, configs(5, 11));

        assertThat(status.body().path("status").asString()).isEqualTo("ready");
        assertThat(status.body().path("samples").asInt()).isEqualTo(10);
        assertThat(status.body().path("embedding")).hasSize(10);
        assertThat(status.body().path("leaveOneOut").path("samples").asInt()).isEqualTo(10);
        assertThat(predicted.status()).as(predicted.body().toString()).isEqualTo(200);
        assertThat(predicted.body().path("metaModelVersion").asLong()).isPositive();
        assertThat(predicted.body().path("interval").asDouble()).isEqualTo(0.8);
        assertThat(predicted.body().path("predictions").size())
                .as(predicted.body().toString())
                .isEqualTo(5);
        for (JsonNode p : predicted.body().path("predictions")) {
            assertThat(p.path("endToEndMs").asDouble()).isPositive();
            assertThat(p.path("lowerMs").asDouble())
                    .isLessThan(p.path("endToEndMs").asDouble());
            assertThat(p.path("upperMs").asDouble())
                    .isGreaterThan(p.path("endToEndMs").asDouble());
            assertThat(p.path("configHash").asString()).hasSize(64);
            JsonNode stages = p.path("stages");
            double fixed = stages.path("textEncoderMs").asDouble()
                    + stages.path("vaeDecoderMs").asDouble()
                    + stages.path("superResolutionMs").asDouble()
                    + stages.path("otherFixedMs").asDouble();
            assertThat(stages.path("textEncoderMs").asDouble()).isPositive();
            assertThat(stages.path("denoiserMs").asDouble())
                    .as("the denoiser is what the predicted end to end is beyond the measured fixed stages")
                    .isCloseTo(
                            Math.max(0, p.path("endToEndMs").asDouble() - fixed),
                            org.assertj.core.api.Assertions.within(1e-6));
            assertThat(p.path("peakMemory").path("predictedBytes").asLong()).isPositive();
            assertThat(p.path("peakMemory").path("boundBytes").asLong())
                    .isGreaterThanOrEqualTo(
                            p.path("peakMemory").path("predictedBytes").asLong());
        }
        assertThat(status.body().path("fixedStages").path("measurements").asInt())
                .isEqualTo(10);
        assertThat(status.body().path("peakMemory").path("samples").asInt()).isEqualTo(10);
    }

    @Test
    void refitsAsMeasurementsArriveAndScoresTheOldFitOnThem() throws Exception {
        var api = new HttpApi(port);
        var device = onboard("sim-" + UUID.randomUUID(), "nvidia-h100-sxm");
        Reply first = api.get("/api/v1/devices/" + device.id() + "/predictor");
        String configs = configs(5, 21);

        Reply queued = api.post("/api/v1/devices/" + device.id() + "/tasks", HttpApi.ADMIN_TOKEN, configs);
        measureQueued(device);
        // The last fit is served while the refit runs in the background; it lands within moments.
        Reply second = api.predictorWithSamples(device.id(), 15);

        assertThat(queued.status()).isEqualTo(201);
        assertThat(first.body().path("samples").asInt()).isEqualTo(10);
        assertThat(first.body().path("referenceSetVersion").asInt()).isEqualTo(2);
        assertThat(first.body().path("parts").findValuesAsString("name"))
                .containsExactly("meta-model", "cost proxy", "source devices", "nearest source device");
        double weights = 0;
        for (JsonNode part : first.body().path("parts")) {
            weights += part.path("weight").asDouble();
        }
        assertThat(weights).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(first.body().path("sinceLastFit").isNull()).isTrue();
        assertThat(second.body().path("samples").asInt()).isEqualTo(15);
        assertThat(second.body().path("sinceLastFit").path("samples").asInt()).isEqualTo(5);
        assertThat(second.body().path("sinceLastFit").path("mapePercent").asDouble())
                .isBetween(0.0, 100.0);
    }

    @Test
    void predictsTheFullModelSlowerThanAHeavilyPrunedOne() throws Exception {
        var api = new HttpApi(port);
        var device = onboard("sim-" + UUID.randomUUID(), "snapdragon-8-elite-npu");
        String full =
                dev.tenshot.space.mmdit.MmditConfig.full(SPACE.base()).toJson().toString();
        String tiny = SPACE.referenceConfigs().getFirst().toJson().toString(); // one block, one step per stage

        Reply predicted = api.post(
                "/api/v1/devices/" + device.id() + "/predictions", null, "{\"configs\": [" + full + "," + tiny + "]}");

        JsonNode predictions = predicted.body().path("predictions");
        assertThat(predictions.get(0).path("endToEndMs").asDouble())
                .isGreaterThan(predictions.get(1).path("endToEndMs").asDouble());
    }

    @Test
    void refusesToGuessForADeviceStillCalibrating() {
        var api = new HttpApi(port);
        String deviceId = api.registerDevice("calibrating-" + UUID.randomUUID())
                .path("id")
                .asString();

        Reply predicted = api.post("/api/v1/devices/" + deviceId + "/predictions", null, configs(1, 1));
        Reply status = api.get("/api/v1/devices/" + deviceId + "/predictor");

        assertThat(predicted.status()).isEqualTo(409);
        assertThat(predicted.problemType()).isEqualTo("urn:tenshot:problem:device-not-ready");
        assertThat(predicted.body().path("status").asInt()).isEqualTo(409);
        assertThat(predicted.body().path("deviceStatus").asString()).isEqualTo("calibrating");
        assertThat(status.body().path("status").asString()).isEqualTo("calibrating");
    }

    @Test
    void rejectsConfigsItsSpaceRejects() throws Exception {
        var api = new HttpApi(port);
        var device = onboard("sim-" + UUID.randomUUID(), "apple-m4-gpu");
        String lastDropped = "{\"keep\": [" + "1,".repeat(23) + "0], \"mlpWidth\": [" + "1,".repeat(23) + "1]}";

        Reply predicted = api.post(
                "/api/v1/devices/" + device.id() + "/predictions", null, "{\"configs\": [" + lastDropped + "]}");

        assertThat(predicted.status()).isEqualTo(422);
        assertThat(predicted.problemType()).isEqualTo("urn:tenshot:problem:invalid-config");
    }

    @Test
    void describesTheMetaModelAndRetrainsOnlyForTheAdmin() {
        var api = new HttpApi(port);

        Reply model = api.get("/api/v1/spaces/mmdit-pruning/meta-model");
        Reply anonymous = api.post("/api/v1/spaces/mmdit-pruning/meta-model", null, "");
        Reply retrained = api.post("/api/v1/spaces/mmdit-pruning/meta-model", HttpApi.ADMIN_TOKEN, "");
        Reply unknownSpace = api.post("/api/v1/spaces/no-such-space/meta-model", HttpApi.ADMIN_TOKEN, "");

        assertThat(model.status()).isEqualTo(200);
        assertThat(model.body().path("provenance").path("sourceDevices").size()).isGreaterThanOrEqualTo(12);
        assertThat(model.body().path("provenance").path("dataFingerprint").asString())
                .hasSize(64);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(retrained.status()).isEqualTo(200);
        assertThat(unknownSpace.status()).isEqualTo(404);
        assertThat(unknownSpace.problemType()).isEqualTo("urn:tenshot:problem:space-not-found");
        assertThat(retrained.body().path("version").asLong())
                .isGreaterThanOrEqualTo(model.body().path("version").asLong());
    }

    private static String configs(int count, long seed) {
        var random = new SplittableRandom(seed);
        return IntStream.range(0, count)
                .mapToObj(i -> SPACE.sample(random).toJson().toString())
                .collect(Collectors.joining(",", "{\"configs\": [", "]}"));
    }

    private final java.util.Map<UUID, String> simDevices = new java.util.concurrent.ConcurrentHashMap<>();

    private void measureQueued(ApiDevice device) throws InterruptedException {
        SimDevices.measureQueued(port, device.id(), simDevices.get(device.id()));
    }

    private ApiDevice onboard(String name, String simDevice) throws InterruptedException {
        UUID id = SimDevices.onboard(port, simDevice);
        simDevices.put(id, simDevice);
        return new ApiDevice(id, name);
    }

    record ApiDevice(UUID id, String name) {}
}

package dev.tenshot.service.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.HttpApi.Reply;
import dev.tenshot.service.ServiceIT;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ServiceIT
class QualityEvaluationIT {

    private static final MmditPruningSpace SPACE = MmditPruningSpace.neodragon();

    @LocalServerPort
    int port;

    @Autowired
    QualityModels models;

    @Test
    void refitsTheQualityProxyToPostedEvaluations() {
        var api = new HttpApi(port);
        String metric = "vbench-" + System.nanoTime() % 100000;
        String full = MmditConfig.full(SPACE.base()).toJson().toString();
        var pruned = SPACE.sample(new SplittableRandom(5));
        double illustrativeLoss = 1 - models.modelFor(null).quality(pruned);

        Reply posted = api.post("/api/v1/quality-evaluations", HttpApi.ADMIN_TOKEN, """
                {"evaluations": [{"config": %s, "metric": "%s", "value": 80.0},
                                 {"config": %s, "metric": "%s", "value": %s}]}
                """.formatted(
                        full, metric, pruned.toJson(), metric, 80.0 * (1 - 3 * illustrativeLoss)));
        Reply listed = api.get("/api/v1/quality-evaluations?metric=" + metric);

        assertThat(posted.status()).isEqualTo(201);
        assertThat(listed.body()).hasSize(2);
        assertThat(1 - models.modelFor(metric).quality(pruned))
                .isCloseTo(3 * illustrativeLoss, org.assertj.core.data.Percentage.withPercentage(1e-6));
    }

    @Test
    void refusesBadEvaluationsAndStoresNone() {
        var api = new HttpApi(port);
        String lastDropped = "{\"keep\": [" + "1,".repeat(23) + "0], \"mlpWidth\": [" + "1,".repeat(23) + "1]}";
        String full = MmditConfig.full(SPACE.base()).toJson().toString();

        Reply invalid = api.post("/api/v1/quality-evaluations", HttpApi.ADMIN_TOKEN, """
                {"evaluations": [{"config": %s, "metric": "refused", "value": 80.0},
                                 {"config": %s, "metric": "refused", "value": 1e999}]}
                """.formatted(full, lastDropped));
        Reply anonymous = api.post(
                "/api/v1/quality-evaluations",
                null,
                "{\"evaluations\": [{\"config\": " + full + ", \"metric\": \"refused\", \"value\": 1}]}");

        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.problemType()).isEqualTo("urn:tenshot:problem:invalid-quality-evaluations");
        assertThat(invalid.body().path("errorCount").asInt()).isEqualTo(2);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(api.get("/api/v1/quality-evaluations?metric=refused").body()).isEmpty();
    }

    @Test
    void refusesASearchOnAMetricWithoutAnUnprunedReference() throws Exception {
        var api = new HttpApi(port);
        var device = dev.tenshot.service.SimDevices.onboard(port, "apple-m4-gpu");

        Reply job = api.post("/api/v1/search-jobs", HttpApi.ADMIN_TOKEN, """
                {"devices": ["%s"], "objectives": ["latency", "quality"], "qualityMetric": "never-posted"}
                """.formatted(device));

        assertThat(job.status()).isEqualTo(422);
        assertThat(job.problemType()).isEqualTo("urn:tenshot:problem:quality-metric-unfit");
    }
}

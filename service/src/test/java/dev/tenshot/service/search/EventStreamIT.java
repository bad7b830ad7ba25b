package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.HttpApi;
import dev.tenshot.service.OpenApiContract;
import dev.tenshot.service.ServiceIT;
import dev.tenshot.service.SimDevices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Progress streams are bounded: per client, in time, and they end with the job. */
@ServiceIT
@TestPropertySource(properties = {"tenshot.api.max-event-streams-per-client=2", "tenshot.api.event-stream-timeout=2s"})
class EventStreamIT {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    HttpApi api;
    UUID device;

    @BeforeEach
    void onboardDevice() throws InterruptedException {
        api = new HttpApi(port);
        device = SimDevices.onboard(port, "apple-m4-gpu");
    }

    @Test
    void aClientGetsAFewStreamsEachEndingByTheTimeoutAndThenItsPlaceIsFree() throws Exception {
        String job = submitLongJob();

        var first = open(job).get(30, TimeUnit.SECONDS); // answered: the stream holds its slot
        var second = open(job).get(30, TimeUnit.SECONDS);
        HttpResponse<String> third =
                OpenApiContract.checked(http.send(request(job), HttpResponse.BodyHandlers.ofString()));
        List<String> firstEvents = first.body().toList();
        second.body().close();
        var afterwards = open(job).get(30, TimeUnit.SECONDS);

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(firstEvents)
                .as("a stream that ended at its timeout, having sent progress")
                .anyMatch(line -> line.startsWith("event:progress"));
        assertThat(afterwards.statusCode())
                .as("a slot freed by an ended stream")
                .isEqualTo(200);
        afterwards.body().close();
        api.delete("/api/v1/search-jobs/" + job, HttpApi.ADMIN_TOKEN);
    }

    @Test
    void aStreamEndsWhenItsJobIsCancelled() throws Exception {
        String job = submitLongJob();
        var stream = open(job).get(30, TimeUnit.SECONDS);

        api.delete("/api/v1/search-jobs/" + job, HttpApi.ADMIN_TOKEN);
        List<String> events = stream.body().toList();

        assertThat(events.getLast().isBlank() ? events.get(events.size() - 2) : events.getLast())
                .as("the last event carries the final state")
                .contains("\"state\":\"cancelled\"");
    }

    private String submitLongJob() {
        return api.post("/api/v1/search-jobs", HttpApi.ADMIN_TOKEN, """
                        {"devices": ["%s"], "objectives": ["latency", "quality"],
                         "budget": {"population": 200, "generations": 2000}}
                        """.formatted(device))
                .body()
                .path("id")
                .asString();
    }

    private CompletableFuture<HttpResponse<Stream<String>>> open(String job) {
        return http.sendAsync(request(job), HttpResponse.BodyHandlers.ofLines());
    }

    private HttpRequest request(String job) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/search-jobs/" + job + "/events"))
                .header("Authorization", "Bearer " + HttpApi.ADMIN_TOKEN)
                .timeout(Duration.ofSeconds(60))
                .build();
    }
}

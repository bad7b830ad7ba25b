package dev.tenshot.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted local HTTP server: what it retries, what it never retries. */
class ServiceClientTest {

    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));

    private HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private ServiceClient client;

    record Answer(
            int status,
            String contentType,
            String body,
            @Nullable String retryAfter) {
        Answer(int status, String contentType, String body) {
            this(status, contentType, body, null);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Answer answer = answers.isEmpty() ? new Answer(500, "text/plain", "no answer scripted") : answers.poll();
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = new ServiceClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "token",
                FAST,
                new SplittableRandom(1));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void retriesServerErrorsUntilTheServiceAnswers() {
        UUID id = UUID.randomUUID();
        answers.add(new Answer(503, "application/problem+json", "{\"detail\": \"starting\"}"));
        answers.add(new Answer(500, "text/html", "<html>oops</html>"));
        answers.add(new Answer(200, "application/json", """
                {"id": "%s", "name": "cpu", "status": "ready", "measurementCount": 10, "simulated": false,
                 "space": "mmdit-pruning", "someFieldAddedLater": 1}
                """.formatted(id)));

        var device = client.me();

        assertThat(device.id()).isEqualTo(id);
        assertThat(device.status()).isEqualTo("ready");
        assertThat(requests).hasValue(3);
    }

    @Test
    void waitsTheRetryAfterOfA503() {
        var patient = new ServiceClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "token",
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(5)),
                new SplittableRandom(1));
        answers.add(new Answer(
                503, "application/problem+json", "{\"type\": \"urn:tenshot:problem:service-unavailable\"}", "1"));
        answers.add(new Answer(200, "application/json", "{\"totalItems\": 0}"));
        answers.add(new Answer(200, "application/json", "{\"totalItems\": 2}"));
        long start = System.nanoTime();

        long open = patient.openTasks(UUID.randomUUID());

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("waited the second the service asked for, not the 1 ms backoff")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(open).as("queued plus leased").isEqualTo(2);
        assertThat(requests).hasValue(3);
    }

    @Test
    void neverRetriesAClientErrorAndKeepsTheProblem() {
        answers.add(new Answer(409, "application/problem+json", """
                {"type": "urn:tenshot:problem:lease-lost", "status": 409, "detail": "task 7: the lease expired"}
                """));

        assertThatThrownBy(() -> client.reportFailure(
                        UUID.randomUUID(), new ApiMessages.HeldLease(7, UUID.randomUUID()), "boom"))
                .isInstanceOfSatisfying(ProblemResponseException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.type()).isEqualTo("urn:tenshot:problem:lease-lost");
                    assertThat(e.getMessage()).contains("the lease expired");
                });
        assertThat(requests).hasValue(1);
    }

    @Test
    void givesUpAfterItsAttempts() {
        assertThatThrownBy(() -> client.me())
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("failed 4 times");
        assertThat(requests).hasValue(4);
    }

    @Test
    void retriesWhenNothingListens() {
        server.stop(0);

        assertThatThrownBy(() -> client.me()).isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void doublesTheBackoffUpToItsCap() {
        var policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThat(policy.backoffCap(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffCap(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffCap(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoffCap(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffCap(60)).isEqualTo(Duration.ofSeconds(1));
    }
}

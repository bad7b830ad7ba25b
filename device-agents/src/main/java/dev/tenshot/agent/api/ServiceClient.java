package dev.tenshot.agent.api;

import dev.tenshot.agent.runner.DeviceProfile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's HTTP client for {@code /api/v1}. I/O errors and 5xx answers are retried with backoff (every call here
 * is safe to repeat: results are keyed by their lease, leases and heartbeats are idempotent enough); a 4xx is never
 * retried and surfaces as a {@link ProblemResponseException} carrying the problem body.
 */
public final class ServiceClient {

    private static final Logger log = LoggerFactory.getLogger(ServiceClient.class);
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final URI base;
    private volatile String token;
    private final RetryPolicy retry;
    private final RandomGenerator jitter;
    private final HttpClient http;

    public ServiceClient(URI base, String token, RetryPolicy retry, RandomGenerator jitter) {
        this.base = base;
        this.token = token;
        this.retry = retry;
        this.jitter = jitter;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** From now on, speak with this (agent) token. */
    public void useToken(String agentToken) {
        this.token = agentToken;
    }

    /** The device the current token belongs to; a 404 problem for the admin token. */
    public ApiMessages.Device me() {
        return send("GET", "/api/v1/devices/me", null, ApiMessages.Device.class);
    }

    /** Tasks of the device still queued or leased (by anyone, a previous run of this agent included). */
    public long openTasks(UUID deviceId) {
        long open = 0;
        for (String state : List.of("QUEUED", "LEASED")) {
            open += send("GET", tasks(deviceId) + "?size=1&state=" + state, null, ApiMessages.TaskPage.class)
                    .totalItems();
        }
        return open;
    }

    public ApiMessages.Device device(UUID deviceId) {
        return send("GET", "/api/v1/devices/" + deviceId, null, ApiMessages.Device.class);
    }

    /** Registers a device (needs the admin token); the answer holds its agent token. */
    public ApiMessages.Registration register(DeviceProfile device, String space) {
        var body = Map.of(
                "name", device.name(),
                "kind", device.kind(),
                "chipset", device.chipset(),
                "runtime", device.runtime(),
                "precision", device.precision(),
                "attributes", device.attributes(),
                "simulated", device.simulated(),
                "space", space);
        return send("POST", "/api/v1/devices", body, ApiMessages.Registration.class);
    }

    public List<ApiMessages.LeasedTask> lease(UUID deviceId, int max, Duration lease) {
        var body = Map.of("max", max, "leaseSeconds", Math.max(1, lease.toSeconds()));
        return send("POST", tasks(deviceId) + "/leases", body, ApiMessages.LeaseResponse.class)
                .tasks();
    }

    public ApiMessages.Heartbeat heartbeat(UUID deviceId, List<ApiMessages.HeldLease> leases, Duration lease) {
        var body = Map.of("leases", leases, "leaseSeconds", Math.max(1, lease.toSeconds()));
        return send("POST", tasks(deviceId) + "/heartbeat", body, ApiMessages.Heartbeat.class);
    }

    /** Reports a result; repeating it under the same lease is answered as the first time. */
    public ApiMessages.ResultAck reportResult(UUID deviceId, ApiMessages.HeldLease lease, JsonNode measurement) {
        var body = Map.of("leaseToken", lease.leaseToken(), "measurement", measurement);
        return send("POST", tasks(deviceId) + "/" + lease.taskId() + "/result", body, ApiMessages.ResultAck.class);
    }

    public void reportFailure(UUID deviceId, ApiMessages.HeldLease lease, String reason) {
        var body = Map.of("leaseToken", lease.leaseToken(), "reason", reason);
        send("POST", tasks(deviceId) + "/" + lease.taskId() + "/failure", body, JsonNode.class);
    }

    /** Hands back leased tasks that were not started. */
    public List<Long> release(UUID deviceId, List<ApiMessages.HeldLease> leases) {
        return send("POST", tasks(deviceId) + "/release", Map.of("leases", leases), ApiMessages.ReleaseResponse.class)
                .released();
    }

    private static String tasks(UUID deviceId) {
        return "/api/v1/devices/" + deviceId + "/tasks";
    }

    private <T> T send(String method, String path, @Nullable Object body, Class<T> answer) {
        String request = method + " " + path;
        var builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpRequest built = builder.build();
        Exception last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            long retryAfter = -1;
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return JSON.readValue(response.body(), answer);
                }
                JsonNode problem = readProblem(response.body());
                if (status < 500) {
                    throw new ProblemResponseException(request, status, problem);
                }
                last = new IOException(request + " -> " + status + ": "
                        + problem.path("detail").asString(""));
                retryAfter = retryAfter(response);
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceUnavailableException(request + " interrupted", e);
            }
            if (attempt < retry.maxAttempts()) {
                long cap = retry.backoffCap(attempt).toMillis();
                // A 503 says when the service expects to be back (a database outage, a model training): wait that
                // long, within the longest backoff, rather than a guess.
                long wait = retryAfter >= 0
                        ? Math.min(retryAfter, retry.maxBackoff().toMillis())
                        : cap == 0 ? 0 : jitter.nextLong(cap + 1);
                log.warn(
                        "{} failed ({}); retry {} of {} in {} ms",
                        request,
                        last.getMessage(),
                        attempt,
                        retry.maxAttempts() - 1,
                        wait);
                sleep(wait);
            }
        }
        throw new ServiceUnavailableException(
                request + " failed " + retry.maxAttempts() + " times", Objects.requireNonNull(last));
    }

    /** The {@code Retry-After} of a 503, in milliseconds (delay-seconds form); -1 when absent or unreadable. */
    static long retryAfter(HttpResponse<?> response) {
        if (response.statusCode() != 503) {
            return -1;
        }
        return response.headers()
                .firstValue("Retry-After")
                .filter(value -> value.strip().matches("\\d{1,6}"))
                .map(value -> Long.parseLong(value.strip()) * 1000)
                .orElse(-1L);
    }

    private static JsonNode readProblem(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode().put("detail", body.length() > 500 ? body.substring(0, 500) : body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while waiting to retry", e);
        }
    }
}

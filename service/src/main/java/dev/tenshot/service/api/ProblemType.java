package dev.tenshot.service.api;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Every problem type the API answers with: one status and one title per type, whatever raised it (RFC 9457: the
 * title does not change from occurrence to occurrence; the {@code detail} says what happened this time). The
 * README's table of problem types lists exactly these, with these statuses ({@code ProblemTypeTest} holds it to
 * that). Spring's own errors (no such route, wrong method...) come as {@code http-<status>} and are not listed here.
 */
public enum ProblemType {
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request body"),
    INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "Invalid parameter"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Missing or unknown token"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Token does not allow this request"),
    DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND, "Device not found"),
    NO_DEVICE_FOR_TOKEN(HttpStatus.NOT_FOUND, "No device for this token"),
    TASK_NOT_FOUND(HttpStatus.NOT_FOUND, "Task not found"),
    TOKEN_NOT_FOUND(HttpStatus.NOT_FOUND, "Token not found"),
    SEARCH_JOB_NOT_FOUND(HttpStatus.NOT_FOUND, "Search job not found"),
    SPACE_NOT_FOUND(HttpStatus.NOT_FOUND, "Search space not found"),
    DEVICE_NOT_READY(HttpStatus.CONFLICT, "Device not calibrated yet"),
    NO_META_MODEL(HttpStatus.CONFLICT, "No latency model for this space"),
    PEAK_MEMORY_UNMEASURED(HttpStatus.CONFLICT, "Peak memory not measured on this device"),
    FRONT_NOT_READY(HttpStatus.CONFLICT, "Front not ready"),
    JOB_FINISHED(HttpStatus.CONFLICT, "Job already finished"),
    LEASE_LOST(HttpStatus.CONFLICT, "Lease no longer valid"),
    BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    BATCH_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Batch too large"),
    INVALID_REQUEST(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid request"),
    DEVICE_RETIRED(HttpStatus.UNPROCESSABLE_CONTENT, "Device retired"),
    UNKNOWN_SPACE(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown search space"),
    INVALID_CONFIG(HttpStatus.UNPROCESSABLE_CONTENT, "Config rejected by its search space"),
    INVALID_MEASUREMENTS(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid measurements"),
    DUPLICATE_CLIENT_ID(HttpStatus.UNPROCESSABLE_CONTENT, "Client id repeated within the batch"),
    INVALID_QUALITY_EVALUATIONS(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid quality evaluations"),
    QUALITY_METRIC_UNFIT(HttpStatus.UNPROCESSABLE_CONTENT, "Quality metric cannot be used yet"),
    INVALID_DEVICES(HttpStatus.UNPROCESSABLE_CONTENT, "Target devices unusable"),
    INVALID_OBJECTIVES(HttpStatus.UNPROCESSABLE_CONTENT, "Objectives unusable"),
    UNSUPPORTED_SPACE(HttpStatus.UNPROCESSABLE_CONTENT, "Space not searchable"),
    BUDGET_TOO_LARGE(HttpStatus.UNPROCESSABLE_CONTENT, "Budget beyond the limits"),
    IMPOSSIBLE_CONSTRAINTS(HttpStatus.UNPROCESSABLE_CONTENT, "Constraints no config can meet"),
    TOO_MANY_STREAMS(HttpStatus.TOO_MANY_REQUESTS, "Too many event streams", Duration.ofSeconds(30)),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    /** The database is down or busy; the wait comes from {@code tenshot.api.retry-after}. */
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    META_MODEL_TRAINING(HttpStatus.SERVICE_UNAVAILABLE, "Latency model being trained", Duration.ofSeconds(10));

    private static final String URI_PREFIX = "urn:tenshot:problem:";

    private final HttpStatus status;
    private final String title;
    private final @Nullable Duration retryAfter;

    ProblemType(HttpStatus status, String title) {
        this(status, title, null);
    }

    ProblemType(HttpStatus status, String title, @Nullable Duration retryAfter) {
        this.status = status;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    /** The type's name in URIs and the README: {@code device-not-found}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public URI uri() {
        return uri(slug());
    }

    /** The URI of a problem type: ours, or Spring's own {@code http-<status>}. */
    static URI uri(String slug) {
        return URI.create(URI_PREFIX + slug);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** This type's problem with {@code detail}: what happened this time. */
    public ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(uri());
        problem.setTitle(title);
        return problem;
    }

    /** How long a client should wait before retrying, for a type that passes; null for the others. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}

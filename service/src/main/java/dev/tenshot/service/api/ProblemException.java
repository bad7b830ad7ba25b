package dev.tenshot.service.api;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * An error the API answers as an RFC 9457 problem: a status, a stable type, a title, and properties a client can
 * act on (for example the {@code deviceId} that was not found).
 */
public abstract class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final String TYPE_PREFIX = "urn:tenshot:problem:";

    private final HttpStatus status;
    private final String type;
    private static final java.util.Set<String> RFC_9457_MEMBERS =
            java.util.Set.of("type", "title", "status", "detail", "instance");

    private final String title;
    private final transient Map<String, Object> properties;

    protected ProblemException(
            HttpStatus status, String typeSlug, String title, String detail, Map<String, Object> properties) {
        super(detail);
        // an extra field named like one of RFC 9457's would replace it: a device's "status" once hid the HTTP status
        if (properties.keySet().stream().anyMatch(RFC_9457_MEMBERS::contains)) {
            throw new IllegalArgumentException("problem fields " + properties.keySet() + " shadow RFC 9457's");
        }
        this.status = status;
        this.type = TYPE_PREFIX + typeSlug;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    /** The URI of a problem type, for problems that are not {@code ProblemException}s. */
    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return URI.create(type);
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** For a problem that passes (503, 429): how long a client should wait before retrying; null for others. */
    public @Nullable Duration retryAfter() {
        return null;
    }
}

package dev.tenshot.service.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An error the API answers as an RFC 9457 problem of a {@link ProblemType}, with a detail for this occurrence and
 * properties a client can act on (for example the {@code deviceId} that was not found).
 */
public final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final Set<String> RFC_9457_MEMBERS = Set.of("type", "title", "status", "detail", "instance");
    /** A batch's problems listed in one answer at most; {@code errorCount} tells how many there were. */
    private static final int MAX_LISTED_ERRORS = 100;

    private final ProblemType type;
    private final transient Map<String, Object> properties;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ProblemException(ProblemType type, String detail, Map<String, Object> properties) {
        super(detail);
        // an extra field named like one of RFC 9457's would replace it: a device's "status" once hid the HTTP status
        if (properties.keySet().stream().anyMatch(RFC_9457_MEMBERS::contains)) {
            throw new IllegalArgumentException("problem fields " + properties.keySet() + " shadow RFC 9457's");
        }
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    /**
     * A problem with each of a request's items ({@code errors}: field and why, the first hundred; {@code errorCount}:
     * all of them), so that a client can fix them all at once.
     *
     * @param consequence what the service did not do, e.g. "nothing was stored"
     */
    public static ProblemException listing(ProblemType type, String consequence, List<FieldProblem> errors) {
        return new ProblemException(
                type,
                errors.size() + " problem(s); " + consequence,
                Map.of(
                        "errors",
                        List.copyOf(errors.subList(0, Math.min(MAX_LISTED_ERRORS, errors.size()))),
                        "errorCount",
                        errors.size()));
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}

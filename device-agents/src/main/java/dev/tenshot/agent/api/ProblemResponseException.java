package dev.tenshot.agent.api;

import tools.jackson.databind.JsonNode;

/**
 * The service refused a request with a 4xx problem (RFC 9457). Never retried: the request itself is wrong, or the
 * lease is gone.
 */
public class ProblemResponseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonNode problem;

    ProblemResponseException(String request, int status, JsonNode problem) {
        super(request + " -> " + status + " " + problem.path("type").asString("") + ": "
                + problem.path("detail").asString(problem.toString()));
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    /** The problem's type URI, e.g. {@code urn:tenshot:problem:lease-lost}. */
    public String type() {
        return problem.path("type").asString("");
    }

    public JsonNode problem() {
        return problem;
    }
}

package dev.tenshot.service.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem from a servlet filter, where no exception handler runs. */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static void write(HttpServletResponse response, JsonMapper json, ProblemType type, String detail)
            throws IOException {
        ProblemDetail problem = type.problem(detail);
        response.setStatus(type.status().value());
        if (type == ProblemType.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}

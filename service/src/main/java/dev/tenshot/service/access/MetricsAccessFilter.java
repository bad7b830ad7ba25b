package dev.tenshot.service.access;

import dev.tenshot.service.api.ProblemException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Actuator endpoints other than health need a read or admin token, as the API's reads do (unless anonymous reads are
 * on). Actuator's handlers do not pass through the API's interceptor, so this filter answers the problem itself.
 * Health stays public: it shows only the status.
 */
@Component
class MetricsAccessFilter extends OncePerRequestFilter {

    private final CallerResolver callers;
    private final JsonMapper json;

    MetricsAccessFilter(CallerResolver callers, JsonMapper json) {
        this.callers = callers;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/actuator") || path.startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            callers.resolve(request).requireRead(null, callers.anonymousReads());
        } catch (ProblemException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
            problem.setType(e.type());
            problem.setTitle(e.title());
            response.setStatus(e.status().value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            if (e instanceof UnauthorizedException) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.CHALLENGE);
            }
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(request, response);
    }
}

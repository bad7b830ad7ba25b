package dev.tenshot.service.access;

import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemResponses;
import dev.tenshot.service.api.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads need a token: every GET under {@code /api} and {@code /actuator} (but health, whose status load balancers
 * poll) takes a read, admin or agent token unless {@code tenshot.anonymous-reads} is on. An agent reads its own
 * device only (and the spaces); an enrolment token reads only {@code /devices/me}, which tells an agent started with
 * it that it has no device yet. Writes are checked by each operation ({@link Caller}). One place for the rule, so
 * that a new endpoint cannot forget it. A request goes on as a {@link CallerRequest}, whose role health checks to
 * show its components to the admin token only; an unknown token is refused there too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ReadAccess extends OncePerRequestFilter {

    private static final Pattern DEVICE_PATH = Pattern.compile("^/api/v1/devices/([^/]+)(/.*)?$");

    private final CallerResolver callers;
    private final boolean anonymousReads;
    private final JsonMapper json;

    ReadAccess(CallerResolver callers, AccessProperties properties, JsonMapper json) {
        this.callers = callers;
        this.anonymousReads = properties.anonymousReads();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        return !read || !(path.startsWith("/api/") || path.startsWith("/actuator"));
    }

    private static boolean isHealth(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller;
        try {
            caller = callers.resolve(request.getHeader(HttpHeaders.AUTHORIZATION));
        } catch (ProblemException e) {
            reject(response, ProblemType.UNAUTHORIZED, String.valueOf(e.getMessage()));
            return;
        }
        String refusal = isHealth(request.getRequestURI()) ? null : refusal(caller, request.getRequestURI());
        if (refusal == null) {
            chain.doFilter(new CallerRequest(request, caller), response);
        } else if (caller instanceof Caller.Anonymous) {
            reject(response, ProblemType.UNAUTHORIZED, refusal);
        } else {
            reject(response, ProblemType.FORBIDDEN, refusal);
        }
    }

    /** Why the caller may not read the path; null when it may. */
    private @Nullable String refusal(Caller caller, String path) {
        return switch (caller) {
            case Caller.Admin admin -> null;
            case Caller.Reader reader -> null;
            case Caller.Anonymous anonymous ->
                anonymousReads
                        ? null
                        : "reading needs a token (read, agent or admin): this service has no anonymous reads";
            case Caller.Enroller enroller ->
                path.equals("/api/v1/devices/me") ? null : "an enrolment token may only register devices";
            case Caller.Agent agent -> agentMayRead(agent, path) ? null : "an agent token reads its own device only";
        };
    }

    private static boolean agentMayRead(Caller.Agent agent, String path) {
        if (path.startsWith("/api/v1/spaces")) {
            return true;
        }
        Matcher device = DEVICE_PATH.matcher(path);
        return device.matches()
                && (device.group(1).equals("me")
                        || device.group(1).equals(agent.deviceId().toString()));
    }

    private void reject(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        ProblemResponses.write(response, json, type, detail);
    }
}

package dev.tenshot.service.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * A request as the caller its token resolved to, in the servlet API's terms: a principal unless anonymous, and one
 * role per kind of token. Boot's health endpoint reads these (and nothing else; the service has no Spring Security)
 * to decide whom {@code management.endpoint.health.roles} shows the components and details to.
 */
final class CallerRequest extends HttpServletRequestWrapper {

    private final Caller caller;

    CallerRequest(HttpServletRequest request, Caller caller) {
        super(request);
        this.caller = caller;
    }

    @Override
    public @Nullable Principal getUserPrincipal() {
        return caller instanceof Caller.Anonymous ? null : caller::who;
    }

    @Override
    public boolean isUserInRole(String role) {
        return role.equals(role(caller));
    }

    private static String role(Caller caller) {
        return switch (caller) {
            case Caller.Admin admin -> "ADMIN";
            case Caller.Reader reader -> "READ";
            case Caller.Agent agent -> "AGENT";
            case Caller.Enroller enroller -> "ENROL";
            case Caller.Anonymous anonymous -> "";
        };
    }
}

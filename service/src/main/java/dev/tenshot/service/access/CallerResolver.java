package dev.tenshot.service.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The one place that decides who may call what under {@code /api}. Every request's bearer token is resolved to a
 * {@link Caller} once. A handler that takes a {@code Caller} parameter checks its own rule (the writes, and the
 * admin's listings); every other handler is a read, and is checked here: read and admin tokens read everything, an
 * agent token reads its own device's data, an enrolment token reads nothing, and an anonymous caller reads only with
 * {@code tenshot.access.anonymous-reads=true}. New read endpoints are thus protected without a line of their own.
 */
@Configuration(proxyBeanMethods = false)
class CallerResolver implements HandlerMethodArgumentResolver, HandlerInterceptor, WebMvcConfigurer {

    private static final String BEARER = "Bearer ";
    private static final String CALLER_ATTRIBUTE = Caller.class.getName();

    private final AdminToken adminToken;
    private final AgentTokenLookup agentTokens;
    private final AccessTokens accessTokens;
    private final boolean anonymousReads;

    CallerResolver(
            AdminToken adminToken,
            AgentTokenLookup agentTokens,
            AccessTokens accessTokens,
            AccessProperties properties) {
        this.adminToken = adminToken;
        this.agentTokens = agentTokens;
        this.accessTokens = accessTokens;
        this.anonymousReads = properties.access().anonymousReads();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && !takesCaller(method)) {
            resolve(request).requireRead(deviceIdOf(request), anonymousReads);
        }
        return true;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Caller.class);
    }

    @Override
    public Caller resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer container,
            NativeWebRequest request,
            @Nullable WebDataBinderFactory binderFactory) {
        return resolve(request.getNativeRequest(HttpServletRequest.class));
    }

    /** The request's caller, resolved once and kept on the request. */
    Caller resolve(HttpServletRequest request) {
        if (request.getAttribute(CALLER_ATTRIBUTE) instanceof Caller known) {
            return known;
        }
        Caller caller = resolve(request.getHeader(HttpHeaders.AUTHORIZATION));
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        return caller;
    }

    private Caller resolve(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return new Caller.Anonymous();
        }
        if (!header.startsWith(BEARER)) {
            throw new UnauthorizedException("the Authorization header must be 'Bearer <token>'");
        }
        String token = header.substring(BEARER.length()).strip();
        if (adminToken.matches(token)) {
            return new Caller.Admin(new Caller.Actor(null, "bootstrap admin token", "admin"));
        }
        String hash = AgentTokens.hash(token);
        return accessTokens
                .callerFor(hash)
                .or(() -> agentTokens.deviceIdForTokenHash(hash).map(Caller.Agent::new))
                .orElseThrow(() -> new UnauthorizedException("the token is not known to this service, or revoked"));
    }

    boolean anonymousReads() {
        return anonymousReads;
    }

    private static boolean takesCaller(HandlerMethod method) {
        return Arrays.stream(method.getMethodParameters())
                .anyMatch(parameter -> parameter.getParameterType().equals(Caller.class));
    }

    /** The device a request is about, from its {@code {deviceId}} path variable; an agent may read only its own. */
    private static @Nullable UUID deviceIdOf(HttpServletRequest request) {
        if (!(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)
                || !(variables.get("deviceId") instanceof String id)) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null; // not a device id: the handler answers the malformed parameter
        }
    }
}

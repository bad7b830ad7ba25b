package dev.tenshot.service.access;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets a controller method take a {@link Caller} parameter, resolved from the bearer token. */
@Configuration(proxyBeanMethods = false)
class CallerResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private static final String BEARER = "Bearer ";

    private final AdminToken adminToken;
    private final AgentTokenLookup agentTokens;

    CallerResolver(AdminToken adminToken, AgentTokenLookup agentTokens) {
        this.adminToken = adminToken;
        this.agentTokens = agentTokens;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Caller.class);
    }

    @Override
    public Caller resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return new Caller.Anonymous();
        }
        if (!header.startsWith(BEARER)) {
            throw new UnauthorizedException("the Authorization header must be 'Bearer <token>'");
        }
        String token = header.substring(BEARER.length()).strip();
        if (adminToken.matches(token)) {
            return new Caller.Admin();
        }
        return agentTokens
                .deviceIdForTokenHash(AgentTokens.hash(token))
                .<Caller>map(Caller.Agent::new)
                .orElseThrow(() -> new UnauthorizedException("the token is not known to this service"));
    }
}

package dev.tenshot.service.access;

import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.jspecify.annotations.Nullable;
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
    private final AccessTokens scopedTokens;
    private final byte @Nullable [] readToken;

    CallerResolver(
            AdminToken adminToken,
            AgentTokenLookup agentTokens,
            AccessTokens scopedTokens,
            AccessProperties properties) {
        this.adminToken = adminToken;
        this.agentTokens = agentTokens;
        this.scopedTokens = scopedTokens;
        String configured = properties.readToken();
        this.readToken = configured == null || configured.isBlank()
                ? null
                : configured.strip().getBytes(StandardCharsets.UTF_8);
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
            @Nullable ModelAndViewContainer container,
            NativeWebRequest request,
            @Nullable WebDataBinderFactory binderFactory) {
        return resolve(request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    /**
     * The caller an {@code Authorization} header stands for: the configured admin or read token, a device's agent
     * token, or a live scoped token; no header is anonymous, an unknown token a 401.
     */
    Caller resolve(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return new Caller.Anonymous();
        }
        if (!header.startsWith(BEARER)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the Authorization header must be 'Bearer <token>'");
        }
        String token = header.substring(BEARER.length()).strip();
        if (adminToken.matches(token)) {
            return new Caller.Admin("(configured token)");
        }
        if (readToken != null && MessageDigest.isEqual(readToken, token.getBytes(StandardCharsets.UTF_8))) {
            return new Caller.Reader("(configured token)");
        }
        String hash = AgentTokens.hash(token);
        return agentTokens
                .deviceIdForTokenHash(hash)
                .<Caller>map(Caller.Agent::new)
                .or(() -> scopedTokens.callerForHash(hash))
                .orElseThrow(
                        () -> new ProblemException(ProblemType.UNAUTHORIZED, "the token is not known to this service"));
    }
}

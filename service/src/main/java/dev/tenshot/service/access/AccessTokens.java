package dev.tenshot.service.access;

import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Scoped tokens: made, listed, rotated and revoked by admins; each change recorded in the audit log. */
@Service
class AccessTokens {

    private final AccessTokenRepository tokens;
    private final AuditLog audit;
    private final Clock clock;

    AccessTokens(AccessTokenRepository tokens, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** The caller a live (not revoked) token stands for. */
    @Transactional(readOnly = true)
    Optional<Caller> callerForHash(String tokenHash) {
        return tokens.findByTokenHash(tokenHash)
                .filter(token -> !token.revoked())
                .map(AccessToken::asCaller);
    }

    @Transactional
    AccessTokenResponse create(String name, AccessToken.Scope scope, Caller by) {
        String secret = AgentTokens.generate().replace("tsa_", "tst_");
        AccessToken token =
                tokens.save(new AccessToken(name, scope, AgentTokens.hash(secret), by.who(), clock.instant()));
        audit.record(by, "token.create", token.id() + " (" + scope.name().toLowerCase(java.util.Locale.ROOT) + ")");
        return token.toResponse(secret);
    }

    @Transactional(readOnly = true)
    List<AccessTokenResponse> list() {
        return tokens.findAllByOrderByCreatedAtAsc().stream()
                .map(token -> token.toResponse(null))
                .toList();
    }

    /** A new secret for the token; the old one stops working at once. */
    @Transactional
    AccessTokenResponse rotate(UUID id, Caller by) {
        AccessToken token = live(id);
        String secret = AgentTokens.generate().replace("tsa_", "tst_");
        token.rotate(AgentTokens.hash(secret), clock.instant());
        audit.record(by, "token.rotate", id.toString());
        return token.toResponse(secret);
    }

    @Transactional
    AccessTokenResponse revoke(UUID id, Caller by) {
        AccessToken token = tokens.findById(id).orElseThrow(() -> tokenNotFound(id));
        token.revoke(clock.instant());
        audit.record(by, "token.revoke", id.toString());
        return token.toResponse(null);
    }

    private AccessToken live(UUID id) {
        AccessToken token = tokens.findById(id).orElseThrow(() -> tokenNotFound(id));
        if (token.revoked()) {
            throw tokenNotFound(id);
        }
        return token;
    }

    private static ProblemException tokenNotFound(UUID id) {
        return new ProblemException(ProblemType.TOKEN_NOT_FOUND, "no live token with id " + id, Map.of("tokenId", id));
    }
}

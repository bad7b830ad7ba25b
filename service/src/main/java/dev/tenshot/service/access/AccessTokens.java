package dev.tenshot.service.access;

import dev.tenshot.service.api.ProblemException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, lists, revokes and rotates access tokens; each change is audited in its own transaction. */
@Service
class AccessTokens {

    private static final String PREFIX = "tst_";

    private final AccessTokenRepository tokens;
    private final Audit audit;
    private final Clock clock;

    AccessTokens(AccessTokenRepository tokens, Audit audit, Clock clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    CreatedAccessTokenResponse create(Caller caller, CreateAccessTokenRequest request) {
        String secret = newSecret();
        AccessToken token = tokens.save(
                new AccessToken(request.name(), request.scope(), AgentTokens.hash(secret), clock.instant()));
        audit.record(caller, AuditAction.CREATE_TOKEN, token.id());
        return new CreatedAccessTokenResponse(token.toResponse(), secret);
    }

    @Transactional(readOnly = true)
    List<AccessTokenResponse> list() {
        return tokens.findAll(Sort.by("createdAt", "id")).stream()
                .map(AccessToken::toResponse)
                .toList();
    }

    @Transactional
    AccessTokenResponse revoke(Caller caller, UUID id) {
        AccessToken token = tokens.findById(id).orElseThrow(() -> new AccessTokenNotFoundException(id));
        token.revoke(clock.instant());
        audit.record(caller, AuditAction.REVOKE_TOKEN, id);
        return token.toResponse();
    }

    @Transactional
    CreatedAccessTokenResponse rotate(Caller caller, UUID id) {
        AccessToken token = tokens.findById(id).orElseThrow(() -> new AccessTokenNotFoundException(id));
        if (token.revoked()) {
            throw new RevokedTokenException(id);
        }
        String secret = newSecret();
        token.rotate(AgentTokens.hash(secret));
        audit.record(caller, AuditAction.ROTATE_TOKEN, id);
        return new CreatedAccessTokenResponse(token.toResponse(), secret);
    }

    /** The caller a presented token stands for, unless it is unknown or revoked. */
    @Transactional(readOnly = true)
    Optional<Caller> callerFor(String tokenHash) {
        return tokens.findByTokenHash(tokenHash).filter(t -> !t.revoked()).map(AccessToken::toCaller);
    }

    private static String newSecret() {
        return AgentTokens.generate().replace("tsa_", PREFIX);
    }

    /** A revoked token stays revoked: rotating it would bring it back. */
    static class RevokedTokenException extends ProblemException {

        private static final long serialVersionUID = 1L;

        RevokedTokenException(UUID id) {
            super(
                    HttpStatus.CONFLICT,
                    "token-revoked",
                    "Token is revoked",
                    "access token " + id + " is revoked and cannot be rotated; create a new one",
                    Map.of("tokenId", id));
        }
    }
}

package dev.tenshot.service.access;

import dev.tenshot.service.api.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin only: access tokens and the audit of who did what. */
@RestController
class AccessTokenController {

    private final AccessTokens tokens;
    private final Audit audit;

    AccessTokenController(AccessTokens tokens, Audit audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    /** Creates a token and answers its secret, once. */
    @PostMapping("/api/v1/access-tokens")
    ResponseEntity<CreatedAccessTokenResponse> create(
            Caller caller, @Valid @RequestBody CreateAccessTokenRequest request) {
        caller.requireAdmin();
        CreatedAccessTokenResponse created = tokens.create(caller, request);
        return ResponseEntity.created(
                        URI.create("/api/v1/access-tokens/" + created.token().id()))
                .body(created);
    }

    @GetMapping("/api/v1/access-tokens")
    List<AccessTokenResponse> list(Caller caller) {
        caller.requireAdmin();
        return tokens.list();
    }

    @DeleteMapping("/api/v1/access-tokens/{id}")
    AccessTokenResponse revoke(@PathVariable UUID id, Caller caller) {
        caller.requireAdmin();
        return tokens.revoke(caller, id);
    }

    /** Replaces the token's secret: the old one is refused at once, the new one is answered once. */
    @PostMapping("/api/v1/access-tokens/{id}/rotation")
    CreatedAccessTokenResponse rotate(@PathVariable UUID id, Caller caller) {
        caller.requireAdmin();
        return tokens.rotate(caller, id);
    }

    /** The audit, newest first. */
    @GetMapping("/api/v1/audit")
    PageResponse<AuditEventResponse> audit(
            Caller caller,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        caller.requireAdmin();
        return audit.list(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "occurredAt", "id")));
    }
}

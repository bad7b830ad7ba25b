package dev.tenshot.service.access;

import dev.tenshot.service.api.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Scoped tokens and the audit log; admins only. */
@RestController
@Tag(name = "access", description = "Scoped tokens and the audit log")
class AccessController {

    private final AccessTokens tokens;
    private final AuditLog audit;

    AccessController(AccessTokens tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    /** @param scope {@code admin}, {@code enrol} (registers devices only) or {@code read} */
    record NewToken(
            @NotBlank @Size(max = 200) String name, @NotNull AccessToken.Scope scope) {}

    /** Makes a token; the answer holds its secret, shown this once. */
    @PostMapping("/api/v1/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createToken",
            summary = "Make an admin, enrolment or read token; its secret is shown once")
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "201", description = "The token, with its secret")
    AccessTokenResponse create(Caller caller, @Valid @RequestBody NewToken request) {
        caller.requireAdmin();
        return tokens.create(request.name(), request.scope(), caller);
    }

    @GetMapping("/api/v1/tokens")
    @Operation(operationId = "listTokens", summary = "List live tokens, without their secrets")
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    List<AccessTokenResponse> list(Caller caller) {
        caller.requireAdmin();
        return tokens.list();
    }

    /** A new secret for the token (shown this once); the old one stops working. */
    @PostMapping("/api/v1/tokens/{id}/rotation")
    @Operation(operationId = "rotateToken", summary = "Give a token a new secret, shown once")
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "The token with its new secret")
    @ApiResponse(responseCode = "404", description = "`token-not-found`: no such live token")
    AccessTokenResponse rotate(@PathVariable UUID id, Caller caller) {
        caller.requireAdmin();
        return tokens.rotate(id, caller);
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    @Operation(operationId = "revokeToken", summary = "Revoke a token")
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "The revoked token")
    @ApiResponse(responseCode = "404", description = "`token-not-found`: no such live token")
    AccessTokenResponse revoke(@PathVariable UUID id, Caller caller) {
        caller.requireAdmin();
        return tokens.revoke(id, caller);
    }

    /** Who did what, newest first. */
    @GetMapping("/api/v1/audit")
    @Operation(operationId = "listAuditEvents", summary = "Who did what, newest first")
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    PageResponse<AuditEvent.Response> audit(
            Caller caller,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        caller.requireAdmin();
        return audit.page(page, size);
    }
}

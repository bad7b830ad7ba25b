package dev.tenshot.service.access;

import dev.tenshot.service.api.ProblemException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

class AccessTokenNotFoundException extends ProblemException {

    private static final long serialVersionUID = 1L;

    AccessTokenNotFoundException(UUID id) {
        super(
                HttpStatus.NOT_FOUND,
                "access-token-not-found",
                "Access token not found",
                "no access token " + id,
                Map.of("tokenId", id));
    }
}

package dev.tenshot.service.access;

import dev.tenshot.service.api.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** No token, or a token the service does not know. */
public class UnauthorizedException extends ProblemException {

    private static final long serialVersionUID = 1L;

    UnauthorizedException(String detail) {
        super(HttpStatus.UNAUTHORIZED, "unauthorized", "Missing or unknown token", detail, Map.of());
    }
}

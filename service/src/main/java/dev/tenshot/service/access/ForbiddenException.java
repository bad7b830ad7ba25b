package dev.tenshot.service.access;

import dev.tenshot.service.api.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A known token that does not allow this request. */
public class ForbiddenException extends ProblemException {

    private static final long serialVersionUID = 1L;

    ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, "forbidden", "Token does not allow this request", detail, Map.of());
    }
}

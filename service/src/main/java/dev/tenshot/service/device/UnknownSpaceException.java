package dev.tenshot.service.device;

import dev.tenshot.service.api.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

class UnknownSpaceException extends ProblemException {

    private static final long serialVersionUID = 1L;

    UnknownSpaceException(String space, List<String> known) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "unknown-space",
                "Unknown search space",
                "unknown search space '" + space + "'; known: " + String.join(", ", known),
                Map.of("space", space, "knownSpaces", known));
    }
}

package dev.tenshot.service.measurement;

import dev.tenshot.service.api.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

class BatchTooLargeException extends ProblemException {

    private static final long serialVersionUID = 1L;

    BatchTooLargeException(int size, int maxSize) {
        super(
                HttpStatus.CONTENT_TOO_LARGE,
                "batch-too-large",
                "Batch too large",
                "a batch holds at most " + maxSize + " measurements: got " + size + "; split it",
                Map.of("size", size, "maxSize", maxSize));
    }
}

package dev.tenshot.service.task;

import dev.tenshot.service.api.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A report under a lease that is no longer the task's: expired, or the task was leased again. Nothing stored. */
class LeaseLostException extends ProblemException {

    private static final long serialVersionUID = 1L;

    LeaseLostException(long taskId, String why) {
        super(
                HttpStatus.CONFLICT,
                "lease-lost",
                "Lease no longer valid",
                "task " + taskId + ": " + why + "; nothing was stored",
                Map.of("taskId", taskId));
    }
}

package dev.tenshot.service.task;

import dev.tenshot.service.api.FieldProblem;
import dev.tenshot.service.api.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Configs to queue that their space rejects (or an unknown space); nothing is queued. */
class InvalidTaskConfigException extends ProblemException {

    private static final long serialVersionUID = 1L;

    InvalidTaskConfigException(String typeSlug, String title, List<FieldProblem> errors) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                typeSlug,
                title,
                errors.size() + " problem(s); nothing was queued",
                Map.of("errors", errors.subList(0, Math.min(100, errors.size())), "errorCount", errors.size()));
    }
}

package dev.tenshot.service.measurement;

import dev.tenshot.service.api.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A batch with at least one bad measurement; nothing of it is stored. Lists every problem (up to a hundred), so an
 * agent can fix them all at once. The type is the problems' kind when they share one, else {@code
 * invalid-measurements}.
 */
class InvalidMeasurementsException extends ProblemException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_LISTED = 100;

    InvalidMeasurementsException(List<BatchProblem> problems) {
        this(commonKind(problems), problems);
    }

    private InvalidMeasurementsException(BatchProblem.Kind kind, List<BatchProblem> problems) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                kind.typeSlug,
                kind.title,
                problems.size() + " problem(s) in the batch; nothing was stored",
                Map.of(
                        "errors",
                        problems.stream()
                                .limit(MAX_LISTED)
                                .map(BatchProblem::toFieldProblem)
                                .toList(),
                        "errorCount",
                        problems.size()));
    }

    private static BatchProblem.Kind commonKind(List<BatchProblem> problems) {
        var kinds = problems.stream().map(BatchProblem::kind).distinct().toList();
        return kinds.size() == 1 ? kinds.getFirst() : BatchProblem.Kind.INVALID_VALUE;
    }
}

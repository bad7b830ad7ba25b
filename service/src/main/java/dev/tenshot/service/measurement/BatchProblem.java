package dev.tenshot.service.measurement;

import dev.tenshot.service.api.FieldProblem;
import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import java.util.List;

/** One problem with one measurement of a batch. */
record BatchProblem(Kind kind, String field, String detail) {

    /** Each kind is also a problem type, used when a whole batch fails for that reason alone. */
    enum Kind {
        INVALID_VALUE(ProblemType.INVALID_MEASUREMENTS),
        DUPLICATE_CLIENT_ID(ProblemType.DUPLICATE_CLIENT_ID),
        UNKNOWN_SPACE(ProblemType.UNKNOWN_SPACE),
        INVALID_CONFIG(ProblemType.INVALID_CONFIG);

        final ProblemType type;

        Kind(ProblemType type) {
            this.type = type;
        }
    }

    /**
     * A batch with at least one bad measurement; nothing of it is stored. Lists every problem, so an agent can fix
     * them all at once. The type is the problems' kind when they share one, else {@code invalid-measurements}.
     */
    static ProblemException refusal(List<BatchProblem> problems) {
        var kinds = problems.stream().map(BatchProblem::kind).distinct().toList();
        Kind kind = kinds.size() == 1 ? kinds.getFirst() : Kind.INVALID_VALUE;
        return ProblemException.listing(
                kind.type,
                "nothing was stored",
                problems.stream().map(BatchProblem::toFieldProblem).toList());
    }

    FieldProblem toFieldProblem() {
        return new FieldProblem(field, detail);
    }
}

package dev.tenshot.service.measurement;

import dev.tenshot.service.api.FieldProblem;
import dev.tenshot.service.api.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A batch with at least one bad measurement; nothing of it is stored. */
class InvalidMeasurementsException extends ProblemException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_LISTED = 100;

    private InvalidMeasurementsException(String typeSlug, String title, List<FieldProblem> errors) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                typeSlug,
                title,
                errors.size() + " problem(s) in the batch; nothing was stored",
                Map.of("errors", errors.subList(0, Math.min(errors.size(), MAX_LISTED))));
    }

    static InvalidMeasurementsException invalidValues(List<FieldProblem> errors) {
        return new InvalidMeasurementsException("invalid-measurements", "Invalid measurements", errors);
    }

    static InvalidMeasurementsException unknownSpaces(List<FieldProblem> errors) {
        return new InvalidMeasurementsException("unknown-space", "Unknown search space", errors);
    }

    static InvalidMeasurementsException invalidConfigs(List<FieldProblem> errors) {
        return new InvalidMeasurementsException("invalid-config", "Config rejected by its search space", errors);
    }

    static InvalidMeasurementsException duplicateClientIds(List<FieldProblem> errors) {
        return new InvalidMeasurementsException("duplicate-client-id", "Client id repeated within the batch", errors);
    }
}

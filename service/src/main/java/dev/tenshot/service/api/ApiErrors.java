package dev.tenshot.service.api;

import dev.tenshot.service.database.DatabaseErrors;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.exception.JDBCConnectionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error as {@code application/problem+json} with a stable {@code type}: Spring's own (malformed
 * JSON, unknown routes, wrong methods) and ours ({@link ProblemException}). Never includes a stack trace.
 */
@RestControllerAdvice
@EnableConfigurationProperties(ApiProperties.class) // with the strict JSON rules, also in @WebMvcTest slices
@Import(StrictJson.class)
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private final ApiProperties properties;
    // absent in @WebMvcTest slices, which load no metrics
    private final ObjectProvider<DatabaseErrors> databaseErrors;

    ApiErrors(ApiProperties properties, ObjectProvider<DatabaseErrors> databaseErrors) {
        this.properties = properties;
        this.databaseErrors = databaseErrors;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> handleProblem(ProblemException e) {
        log.debug("{}: {}", e.type(), e.getMessage());
        ProblemType type = e.type();
        ProblemDetail problem = type.problem(String.valueOf(e.getMessage()));
        e.properties().forEach(problem::setProperty);
        var response = ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        Duration retryAfter = type.retryAfter();
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        return response.body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = ProblemType.INVALID_PARAMETER.problem(
                "parameter '" + e.getName() + "' has an invalid value: " + e.getValue());
        problem.setProperty("parameter", e.getName());
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * The database is down, restarting or shedding load (a lost connection, a deadlock or serialization loser, a
     * lock or query timeout): nothing was stored, and the same request may succeed shortly, so 503 with {@code
     * Retry-After}, which agents honour, rather than a 500 that reads as a bug.
     */
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        RecoverableDataAccessException.class,
        CannotCreateTransactionException.class,
        JDBCConnectionException.class
    })
    ResponseEntity<ProblemDetail> handleDatabaseUnavailable(Exception e, WebRequest request) {
        log.warn("database unavailable on {}: {}", request.getDescription(false), e.getMessage());
        return unavailable();
    }

    private ResponseEntity<ProblemDetail> unavailable() {
        databaseErrors.ifAvailable(errors -> errors.count(DatabaseErrors.API));
        ProblemDetail problem = ProblemType.SERVICE_UNAVAILABLE.problem(
                "The database is unavailable or busy; nothing was changed. Retry after the time in Retry-After.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, properties.retryAfter().toSeconds())))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e, WebRequest request) {
        if (isDatabaseUnavailable(e)) {
            log.warn("database unavailable on {}: {}", request.getDescription(false), e.toString());
            return unavailable();
        }
        log.error("unexpected failure on {}", request.getDescription(false), e);
        ProblemDetail problem =
                ProblemType.INTERNAL_ERROR.problem("The service failed unexpectedly; the failure has been logged.");
        return ResponseEntity.internalServerError()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(e, RequestGuard.BodyTooLargeException.class)) {
            ProblemDetail problem = ProblemType.BODY_TOO_LARGE.problem(
                    RequestGuard.tooLarge(properties.maxBodySize().toBytes()));
            headers.set(HttpHeaders.CONNECTION, "close");
            return handleExceptionInternal(e, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        ProblemDetail problem = ProblemType.MALFORMED_REQUEST.problem(readableCause(e));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A query or path parameter out of its bounds ({@code page=-1}): which one, and why. */
    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(
                                String.valueOf(result.getMethodParameter().getParameterName()),
                                error.getDefaultMessage() + ": got " + result.getArgument())))
                .toList();
        ProblemDetail problem = ProblemType.INVALID_PARAMETER.problem(
                errors.stream().map(p -> p.field() + " " + p.detail()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = ProblemType.INVALID_REQUEST.problem(errors.size() + " field(s) are invalid");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            // Spring's own errors (404 route, 405, 406, 415, a missing parameter...) leave the type unset (null
            // since Spring 7) or about:blank: give them one derived from their status.
            if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
                problem.setType(ProblemType.uri("http-" + status.value()));
            }
            log.debug("{} on {}: {}", status.value(), request.getDescription(false), problem.getDetail());
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.createResponseEntity(body, problemHeaders, status, request);
    }

    /**
     * Whether a failure comes from the database being away: anywhere in its causes or their suppressed exceptions (a
     * rollback that fails on a dead connection hides the original loss of it there).
     */
    private static boolean isDatabaseUnavailable(Throwable e) {
        return anyCause(
                e,
                cause -> cause instanceof SQLTransientException
                        || cause instanceof SQLRecoverableException
                        || cause instanceof SQLNonTransientConnectionException
                        || cause instanceof JDBCConnectionException
                        || cause instanceof CannotCreateTransactionException
                        // a rollback or commit the connection itself refused: it died under the transaction
                        || (cause instanceof org.hibernate.TransactionException
                                && cause.getCause() instanceof SQLException)
                        || (cause instanceof SQLException sql && isUnavailableState(sql.getSQLState())),
                0);
    }

    private static boolean anyCause(Throwable e, java.util.function.Predicate<Throwable> test, int depth) {
        if (depth > 16) {
            return false;
        }
        if (test.test(e)) {
            return true;
        }
        for (Throwable suppressed : e.getSuppressed()) {
            if (anyCause(suppressed, test, depth + 1)) {
                return true;
            }
        }
        Throwable cause = e.getCause();
        return cause != null && cause != e && anyCause(cause, test, depth + 1);
    }

    /** SQL states of a lost or refused connection (08), a server shutting down (57P), a deadlock or serialization loser. */
    private static boolean isUnavailableState(@Nullable String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("57P")
                        || state.equals("40001")
                        || state.equals("40P01"));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return anyCause(e, type::isInstance, 0);
    }

    /** Jackson's message names the position and the expected token but not our internals; keep its first line. */
    private static String readableCause(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        String message = cause.getMessage() == null ? "unreadable JSON" : cause.getMessage();
        return "Request body is not valid JSON for this endpoint: "
                + message.lines().findFirst().orElse(message);
    }
}

package dev.tenshot.service.search;

import dev.tenshot.service.api.ProblemException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

final class SearchProblems {

    private SearchProblems() {}

    static class JobNotFoundException extends ProblemException {
        private static final long serialVersionUID = 1L;

        JobNotFoundException(UUID id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "search-job-not-found",
                    "Search job not found",
                    "no search job " + id,
                    Map.of("jobId", id));
        }
    }

    static class InvalidSearchException extends ProblemException {
        private static final long serialVersionUID = 1L;

        InvalidSearchException(String typeSlug, String title, String detail) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, typeSlug, title, detail, Map.of());
        }
    }

    static class FrontNotReadyException extends ProblemException {
        private static final long serialVersionUID = 1L;

        FrontNotReadyException(UUID id, SearchJobState state) {
            super(
                    HttpStatus.CONFLICT,
                    "front-not-ready",
                    "Front not ready",
                    "search job " + id + " is " + state.name().toLowerCase() + "; its front exists once it is done",
                    Map.of("jobId", id, "state", state.name().toLowerCase()));
        }
    }

    static class JobFinishedException extends ProblemException {
        private static final long serialVersionUID = 1L;

        JobFinishedException(UUID id, SearchJobState state) {
            super(
                    HttpStatus.CONFLICT,
                    "job-finished",
                    "Job already finished",
                    "search job " + id + " is " + state.name().toLowerCase() + "; there is nothing left to cancel",
                    Map.of("jobId", id, "state", state.name().toLowerCase()));
        }
    }
}

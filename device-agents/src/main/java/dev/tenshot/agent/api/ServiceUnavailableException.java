package dev.tenshot.agent.api;

/** The service could not be reached, or kept failing, for every retry. */
public class ServiceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.tenshot.agent.api;

import java.time.Duration;

/**
 * How I/O errors and 5xx answers are retried: exponential backoff from {@code initialBackoff}, doubling up to {@code
 * maxBackoff}, with full jitter, at most {@code maxAttempts} tries in all.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "need 0 <= initialBackoff <= maxBackoff: " + initialBackoff + ", " + maxBackoff);
        }
    }

    /** Rides out a service restart of about a minute. */
    public static RetryPolicy standard() {
        return new RetryPolicy(10, Duration.ofMillis(250), Duration.ofSeconds(15));
    }

    /** Upper bound of the wait before try {@code attempt + 1} (attempt counts from 1). */
    Duration backoffCap(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 30);
        return Duration.ofMillis(Math.min(Math.max(millis, 0), maxBackoff.toMillis()));
    }
}

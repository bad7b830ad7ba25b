package dev.tenshot.service.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Counts the database failures the service rides out ({@code tenshot.database.errors}, tagged by where they happened):
 * an API request answered 503, a search poll skipped, a metrics refresh skipped. A count that climbs is an outage
 * seen from inside, before health checks fail.
 */
@Component
public class DatabaseErrors {

    public static final String API = "api";
    public static final String SEARCH_POLL = "search-poll";
    public static final String METRICS = "metrics";

    private static final Logger log = LoggerFactory.getLogger(DatabaseErrors.class);

    private final MeterRegistry meters;

    public DatabaseErrors(MeterRegistry meters) {
        this.meters = meters;
        // registered at zero, so that rate() sees the first error as an increase
        List.of(API, SEARCH_POLL, METRICS).forEach(this::counter);
    }

    public void count(String source) {
        counter(source).increment();
    }

    /**
     * Runs a refresh of gauges read from the database; if the database is away, counts it and keeps the last values:
     * a scheduled task that throws would log a stack trace every few seconds of an outage.
     */
    public void refreshing(String gauges, Runnable refresh) {
        try {
            refresh.run();
        } catch (DataAccessException | TransactionException e) {
            count(METRICS);
            log.warn("cannot refresh the {} gauges: {}", gauges, e.getMessage());
        }
    }

    private Counter counter(String source) {
        return Counter.builder("tenshot.database.errors")
                .description("Database operations that failed because the database was away or busy")
                .tag("source", source)
                .register(meters);
    }
}

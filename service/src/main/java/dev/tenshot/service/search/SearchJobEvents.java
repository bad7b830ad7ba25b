package dev.tenshot.service.search;

import dev.tenshot.service.api.EventStreams;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Search jobs' progress as server-sent events: every stream is polled by one shared thread every half second until
 * its job ends (done, failed or cancelled; verifying is not an end) or the stream's slot times out.
 */
@Component
class SearchJobEvents {

    private static final long PERIOD_MILLIS = 500;

    private final SearchJobs jobs;
    private final long timeoutMillis;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "search-events");
        thread.setDaemon(true);
        return thread;
    });

    SearchJobEvents(SearchJobs jobs, EventStreams streams) {
        this.jobs = jobs;
        this.timeoutMillis = streams.timeoutMillis();
    }

    /** A stream of {@code progress} events of the job, holding {@code slot} until it ends. */
    SseEmitter stream(UUID id, EventStreams.Slot slot) {
        var emitter = new SseEmitter(timeoutMillis);
        var task = new AtomicReference<ScheduledFuture<?>>();
        Runnable end = () -> {
            ScheduledFuture<?> running = task.get();
            if (running != null) {
                running.cancel(false);
            }
            slot.release();
        };
        emitter.onCompletion(end);
        emitter.onTimeout(() -> {
            end.run();
            emitter.complete();
        });
        emitter.onError(e -> end.run());
        task.set(ticker.scheduleWithFixedDelay(
                () -> {
                    try {
                        SearchJobResponse job = jobs.find(id);
                        emitter.send(SseEmitter.event().name("progress").data(job, MediaType.APPLICATION_JSON));
                        if (job.state().isFinal()) {
                            emitter.complete();
                            end.run();
                        }
                    } catch (IOException | RuntimeException e) {
                        emitter.completeWithError(e);
                        end.run();
                    }
                },
                0,
                PERIOD_MILLIS,
                TimeUnit.MILLISECONDS));
        return emitter;
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}

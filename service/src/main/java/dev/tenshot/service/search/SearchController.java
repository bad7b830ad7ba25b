package dev.tenshot.service.search;

import dev.tenshot.service.access.Audit;
import dev.tenshot.service.access.AuditAction;
import dev.tenshot.service.access.Caller;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/search-jobs")
class SearchController {

    static final String CSV_HEADER = "point,device_id,round,config_hash,kept_blocks,latency_ms,latency_lower_ms,"
            + "latency_upper_ms,latency_bound_ms,quality,parameters,feasible,violation,measured_latency_ms,meets_budget,"
            + "config";

    private final SearchJobs jobs;
    private final Audit audit;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "search-events");
        thread.setDaemon(true);
        return thread;
    });

    SearchController(SearchJobs jobs, Audit audit) {
        this.jobs = jobs;
        this.audit = audit;
    }

    /** Queues a search (admin token); answers 202 with the job's location. */
    @PostMapping
    ResponseEntity<SearchJobResponse> submit(Caller caller, @Valid @RequestBody SearchJobRequest request) {
        caller.requireAdmin();
        SearchJobResponse job = jobs.submit(request);
        audit.record(caller, AuditAction.SUBMIT_SEARCH, job.id()); // after the submit's own transaction
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/search-jobs/" + job.id()))
                .body(job);
    }

    @GetMapping("/{id}")
    SearchJobResponse show(@PathVariable UUID id) {
        return jobs.find(id);
    }

    /** Cancels a queued or running job (admin token). */
    @DeleteMapping("/{id}")
    SearchJobResponse cancel(@PathVariable UUID id, Caller caller) {
        caller.requireAdmin();
        SearchJobResponse cancelled = jobs.cancel(id);
        audit.record(caller, AuditAction.CANCEL_SEARCH, id);
        return cancelled;
    }

    @GetMapping(value = "/{id}/front", produces = MediaType.APPLICATION_JSON_VALUE)
    FrontResponse front(@PathVariable UUID id) {
        return jobs.front(id);
    }

    /** The front as CSV, one row per point and device, in the header's order. */
    @GetMapping(value = "/{id}/front.csv", produces = "text/csv")
    String frontCsv(@PathVariable UUID id) {
        var csv = new StringBuilder(CSV_HEADER + "\n");
        for (FrontResponse.Point p : jobs.front(id).points()) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%d,%s,%d,%s,%d,%.4f,%s,%s,%s,%.6f,%d,%s,%.6f,%s,%s,\"%s\"%n",
                    p.point(),
                    p.deviceId(),
                    p.round(),
                    p.configHash(),
                    p.keptBlocks(),
                    p.latencyMs(),
                    number(p.latencyLowerMs()),
                    number(p.latencyUpperMs()),
                    number(p.latencyBoundMs()),
                    p.quality(),
                    p.parameters(),
                    p.feasible(),
                    p.violation(),
                    number(p.measuredLatencyMs()),
                    p.meetsBudget() == null ? "" : p.meetsBudget(),
                    p.config().toString().replace("\"", "\"\"")));
        }
        return csv.toString();
    }

    /** Each round's verifications: the prediction, the bound and the measurement of every config measured. */
    @GetMapping("/{id}/verifications")
    VerificationResponse verifications(@PathVariable UUID id) {
        return jobs.verifications(id);
    }

    @GetMapping(value = "/{id}/front.svg", produces = "image/svg+xml")
    String frontSvg(@PathVariable UUID id) {
        return FrontSvg.render(jobs.front(id));
    }

    /** Progress as server-sent events ({@code progress}), every half second until the job ends. */
    @GetMapping(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable UUID id) {
        jobs.find(id); // 404 before the stream starts
        var emitter = new SseEmitter(0L);
        var task = new AtomicReference<ScheduledFuture<?>>();
        task.set(ticker.scheduleWithFixedDelay(
                () -> {
                    try {
                        SearchJobResponse job = jobs.find(id);
                        emitter.send(SseEmitter.event().name("progress").data(job, MediaType.APPLICATION_JSON));
                        if (job.state().isFinal()) {
                            emitter.complete();
                            task.get().cancel(false);
                        }
                    } catch (IOException | RuntimeException e) {
                        emitter.completeWithError(e);
                        task.get().cancel(false);
                    }
                },
                0,
                500,
                TimeUnit.MILLISECONDS));
        emitter.onCompletion(() -> {
            if (task.get() != null) {
                task.get().cancel(false);
            }
        });
        return emitter;
    }

    private static String number(@Nullable Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
    }
}

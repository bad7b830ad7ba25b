package dev.tenshot.service.search;

import dev.tenshot.service.access.Caller;
import dev.tenshot.service.access.Tokens;
import dev.tenshot.service.api.EventStreams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/search-jobs")
@Tag(name = "search-jobs", description = "Pareto searches over configs for devices, and their fronts")
class SearchController {

    private final SearchJobs jobs;
    private final FrontCache fronts;
    private final EventStreams streams;
    private final SearchJobEvents events;

    SearchController(SearchJobs jobs, FrontCache fronts, EventStreams streams, SearchJobEvents events) {
        this.jobs = jobs;
        this.fronts = fronts;
        this.streams = streams;
        this.events = events;
    }

    /** Queues a search (admin token); answers 202 with the job's location. */
    @PostMapping
    @Operation(operationId = "submitSearchJob", summary = "Queue a Pareto search for one or more devices")
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "202", description = "Queued; Location names the job")
    @ApiResponse(
            responseCode = "409",
            description = "`device-not-ready`, or `peak-memory-unmeasured`: a peak memory budget over a device that has"
                    + " not reported peak memory")
    @ApiResponse(
            responseCode = "422",
            description =
                    "`invalid-request`, `invalid-objectives`, `budget-too-large` (population or generations over the service's `tenshot.search.max-population` / `max-generations`), `impossible-constraints`, `unsupported-space`, `quality-metric-unfit` or `invalid-devices` (a device listed twice)")
    ResponseEntity<SearchJobResponse> submit(Caller caller, @Valid @RequestBody SearchJobRequest request) {
        caller.requireAdmin();
        SearchJobResponse job = jobs.submit(request, caller);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/search-jobs/" + job.id()))
                .body(job);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "showSearchJob", summary = "A search job: state, progress, verdict")
    @SecurityRequirement(name = Tokens.READ)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`search-job-not-found`")
    SearchJobResponse show(@PathVariable UUID id) {
        return jobs.find(id);
    }

    /** Cancels a queued, running or verifying job (admin token); 409 for a job already done or failed. */
    @DeleteMapping("/{id}")
    @Operation(operationId = "cancelSearchJob", summary = "Cancel a queued, running or verifying search job")
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "404", description = "`search-job-not-found`")
    @ApiResponse(responseCode = "409", description = "`job-finished`: the job is already done or failed")
    SearchJobResponse cancel(@PathVariable UUID id, Caller caller) {
        caller.requireAdmin();
        return jobs.cancel(id, caller);
    }

    /**
     * The front as JSON ({@link FrontResponse}), gzipped when the client accepts it, with an ETag: a client that
     * already has this version gets 304. Built once per version of the front ({@link FrontCache}).
     */
    @GetMapping(value = "/{id}/front", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "showFront", summary = "The Pareto front as JSON (gzipped when accepted; ETag)")
    @SecurityRequirement(name = Tokens.READ)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "404", description = "`search-job-not-found`")
    @ApiResponse(
            responseCode = "200",
            description = "The front",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FrontResponse.class)))
    @ApiResponse(responseCode = "304", description = "Not modified: the ETag sent in If-None-Match is current")
    @ApiResponse(responseCode = "409", description = "`front-not-ready`: the job has not finished")
    ResponseEntity<byte[]> front(
            @PathVariable UUID id,
            @Parameter(hidden = true) // HTTP's own content negotiation, not an API parameter
                    @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false)
                    @Nullable
                    String acceptEncoding,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
        FrontCache.Front front = fronts.front(id);
        if (front.etag().equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(front.etag())
                    .varyBy(HttpHeaders.ACCEPT_ENCODING)
                    .build();
        }
        var answer = ResponseEntity.ok()
                .eTag(front.etag())
                .varyBy(HttpHeaders.ACCEPT_ENCODING)
                .contentType(MediaType.APPLICATION_JSON);
        if (acceptsGzip(acceptEncoding)) {
            return answer.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(front.gzipped());
        }
        return answer.body(front.plain());
    }

    /** Whether an Accept-Encoding header takes gzip (and does not refuse it with {@code q=0}). */
    static boolean acceptsGzip(@Nullable String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.strip().split(";");
            String name = parts[0].strip();
            if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
                boolean refused = false;
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].strip().replace(" ", "");
                    refused |= parameter.equals("q=0") || parameter.matches("q=0\\.0*");
                }
                return !refused;
            }
        }
        return false;
    }

    /** The front as CSV, one row per point and device, in the header's order. */
    @GetMapping(value = "/{id}/front.csv", produces = "text/csv")
    @Operation(operationId = "showFrontCsv", summary = "The Pareto front as CSV")
    @SecurityRequirement(name = Tokens.READ)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`search-job-not-found`")
    @ApiResponse(responseCode = "409", description = "`front-not-ready`")
    String frontCsv(@PathVariable UUID id) {
        return FrontCsv.render(jobs.front(id));
    }

    /** Each round's verifications: the prediction, the bound and the measurement of every config measured. */
    @GetMapping("/{id}/verifications")
    @Operation(
            operationId = "listVerifications",
            summary = "Predicted against measured latencies of the verified configs")
    @SecurityRequirement(name = Tokens.READ)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`search-job-not-found`")
    VerificationResponse verifications(@PathVariable UUID id) {
        return jobs.verifications(id);
    }

    @GetMapping(value = "/{id}/front.svg", produces = "image/svg+xml")
    @Operation(operationId = "showFrontSvg", summary = "The Pareto front as an SVG picture")
    @SecurityRequirement(name = Tokens.READ)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`search-job-not-found`")
    @ApiResponse(responseCode = "409", description = "`front-not-ready`")
    String frontSvg(@PathVariable UUID id) {
        return FrontSvg.render(jobs.front(id));
    }

    /**
     * Progress as server-sent events ({@code progress}), every half second until the job ends (done, failed or
     * cancelled; verifying is not an end). A stream lasts at most {@code tenshot.api.event-stream-timeout}; each
     * client may hold a few at once and the service a few hundred (429 beyond).
     */
    @GetMapping(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            operationId = "streamSearchJobEvents",
            summary = "Progress events of a search job until it ends (server-sent events)")
    @SecurityRequirement(name = Tokens.READ)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "404", description = "`search-job-not-found`")
    @ApiResponse(responseCode = "429", description = "`too-many-streams`: too many open event streams; Retry-After")
    @ApiResponse(
            responseCode = "200",
            description = "`progress` events, each the job as JSON, every half second until the job ends",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string")))
    SseEmitter events(@PathVariable UUID id, HttpServletRequest request) {
        jobs.find(id); // 404 before the stream starts
        return events.stream(id, streams.open(request));
    }
}

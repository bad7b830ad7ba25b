package dev.tenshot.service.measurement;

import dev.tenshot.service.access.Caller;
import dev.tenshot.service.access.Tokens;
import dev.tenshot.service.api.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/devices/{deviceId}/measurements")
@Tag(name = "measurements", description = "Measured latencies, with their provenance")
class MeasurementController {

    private final MeasurementIngestion ingestion;
    private final MeasurementQueries measurements;

    MeasurementController(MeasurementIngestion ingestion, MeasurementQueries measurements) {
        this.ingestion = ingestion;
        this.measurements = measurements;
    }

    /** Stores a batch of up to 10,000 (the device's agent token or the admin token). */
    @PostMapping
    @Operation(operationId = "postMeasurements", summary = "Store a batch of measurements (up to 10,000), each once")
    @SecurityRequirement(name = Tokens.AGENT)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`device-not-found`")
    @ApiResponse(responseCode = "413", description = "`body-too-large`, or `batch-too-large`: over 10,000 measurements")
    @ApiResponse(
            responseCode = "422",
            description =
                    "`invalid-measurements`, `invalid-config`, `unknown-space` or `duplicate-client-id`: `errors` lists each bad item; nothing stored")
    IngestResult post(@PathVariable UUID deviceId, Caller caller, @RequestBody MeasurementBatch batch) {
        return ingestion.ingest(deviceId, caller, batch);
    }

    /** Pages the device's measurements in the order they were stored, optionally filtered. */
    @GetMapping
    @Operation(
            operationId = "listMeasurements",
            summary = "Page the device's measurements in the order they were stored")
    @SecurityRequirement(name = Tokens.ADMIN)
    @SecurityRequirement(name = Tokens.AGENT)
    @SecurityRequirement(name = Tokens.READ)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`device-not-found`")
    PageResponse<MeasurementResponse> list(
            @PathVariable UUID deviceId,
            @RequestParam(required = false) @Nullable String space,
            @RequestParam(required = false) @Nullable String configHash,
            @RequestParam(required = false) @Nullable Instant measuredSince,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return measurements.page(deviceId, space, configHash, measuredSince, PageRequest.of(page, size, Sort.by("id")));
    }
}

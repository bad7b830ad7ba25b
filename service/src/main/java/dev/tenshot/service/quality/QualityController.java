package dev.tenshot.service.quality;

import dev.tenshot.service.access.Caller;
import dev.tenshot.service.access.Tokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/quality-evaluations")
@Tag(name = "quality", description = "Measured quality of configs, to which the search's quality proxy is refitted")
class QualityController {

    private final QualityModels models;

    QualityController(QualityModels models) {
        this.models = models;
    }

    /**
     * @param metric e.g. {@code vbench}, {@code clip-score}, {@code fvd} (lower is better)
     */
    @Schema(name = "NewQualityEvaluation")
    record Evaluation(
            @NotNull JsonNode config,

            @NotBlank @Size(max = 32) @Pattern(regexp = "[a-z0-9-]+", message = "lower-case letters, digits, '-'")
            String metric,

            @NotNull Double value) {}

    @Schema(name = "QualityEvaluationBatch")
    record Batch(@NotEmpty @Size(max = 1000) List<@Valid @NotNull Evaluation> evaluations) {}

    /** Stores evaluations of MMDiT configs (admin token); all or nothing. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "postQualityEvaluations",
            summary = "Store measured quality of configs, refitting the quality proxy")
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "201", description = "The stored evaluations")
    @ApiResponse(
            responseCode = "422",
            description = "`invalid-request` or `invalid-quality-evaluations`; nothing stored")
    List<QualityEvaluation.Response> post(Caller caller, @Valid @RequestBody Batch batch) {
        caller.requireAdmin();
        return models.store(batch.evaluations());
    }

    @GetMapping
    @Operation(operationId = "listQualityEvaluations", summary = "The quality evaluations of a metric")
    @SecurityRequirement(name = Tokens.READ)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    List<QualityEvaluation.Response> list(@RequestParam String metric) {
        return models.evaluations(metric);
    }
}

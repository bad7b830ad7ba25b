package dev.tenshot.service.quality;

import dev.tenshot.service.access.Caller;
import dev.tenshot.service.access.Tokens;
import dev.tenshot.service.api.FieldProblem;
import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.mmdit.MmditPruningSpace;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
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
@Tag(name = "quality", description = "Measured quality of configs, which calibrates the search's quality proxy")
class QualityController {

    private final QualityEvaluationRepository evaluations;
    private final Clock clock;

    QualityController(QualityEvaluationRepository evaluations, Clock clock) {
        this.evaluations = evaluations;
        this.clock = clock;
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
    @Transactional
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
        var space = MmditPruningSpace.neodragon();
        var problems = new ArrayList<FieldProblem>();
        var stored = new ArrayList<QualityEvaluation>();
        for (int i = 0; i < batch.evaluations().size(); i++) {
            Evaluation e = batch.evaluations().get(i);
            if (!Double.isFinite(e.value())) {
                problems.add(
                        new FieldProblem("evaluations[" + i + "].value", "must be a finite number: got " + e.value()));
            }
            switch (space.check(e.config())) {
                case ConfigCheck.Valid valid ->
                    stored.add(new QualityEvaluation(
                            space.name(),
                            valid.config().toJson(),
                            valid.config().contentHash(),
                            e.metric(),
                            e.value(),
                            clock.instant()));
                case ConfigCheck.Invalid invalid -> {
                    for (String problem : invalid.problems()) {
                        problems.add(new FieldProblem("evaluations[" + i + "].config", problem));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.listing(ProblemType.INVALID_QUALITY_EVALUATIONS, "nothing was stored", problems);
        }
        return evaluations.saveAll(stored).stream()
                .map(QualityEvaluation::toResponse)
                .toList();
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(operationId = "listQualityEvaluations", summary = "The quality evaluations of a metric")
    @SecurityRequirement(name = Tokens.READ)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    List<QualityEvaluation.Response> list(@RequestParam String metric) {
        return evaluations.findBySpaceAndMetricOrderById(MmditPruningSpace.NAME, metric).stream()
                .map(QualityEvaluation::toResponse)
                .toList();
    }
}

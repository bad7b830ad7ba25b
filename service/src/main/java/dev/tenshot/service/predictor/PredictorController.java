package dev.tenshot.service.predictor;

import dev.tenshot.predictor.MetaModel;
import dev.tenshot.predictor.PeakMemoryModel;
import dev.tenshot.service.access.AuditLog;
import dev.tenshot.service.access.Caller;
import dev.tenshot.service.access.Tokens;
import dev.tenshot.service.device.DeviceResponse;
import dev.tenshot.service.device.DeviceService;
import dev.tenshot.service.device.DeviceStatus;
import dev.tenshot.space.SearchSpaces;
import dev.tenshot.space.SpaceConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "predictors", description = "Few-shot latency predictors and the meta-model they are fitted from")
class PredictorController {

    static final int MAX_CONFIGS = 10_000;

    private final DevicePredictors predictors;
    private final MetaModels metaModels;
    private final DeviceService devices;
    private final AuditLog audit;
    private final SearchSpaces spaces;

    PredictorController(
            DevicePredictors predictors,
            MetaModels metaModels,
            SearchSpaces spaces,
            DeviceService devices,
            AuditLog audit) {
        this.predictors = predictors;
        this.spaces = spaces;
        this.metaModels = metaModels;
        this.devices = devices;
        this.audit = audit;
    }

    record PredictionRequest(
            @ArraySchema(minItems = 1, maxItems = MAX_CONFIGS) @NotEmpty
            List<@NotNull JsonNode> configs) {}

    /**
     * @param stages where the time goes: null when the device's agent times end to end only
     * @param peakMemory null when the device has not measured peak memory on enough configs
     */
    record PredictedLatency(
            String configHash,
            double endToEndMs,
            double lowerMs,
            double upperMs,
            @Nullable Stages stages,
            @Nullable PeakMemory peakMemory) {}

    /**
     * A prediction's end to end by stage: the fixed stages as the device measured them (medians of its newest
     * measurements), the denoiser the predicted end to end minus them.
     *
     * @param otherFixedMs the rest of end to end beyond these (the first-frame image generator and its VAE encode)
     */
    record Stages(
            double denoiserMs,
            double textEncoderMs,
            double vaeDecoderMs,
            double superResolutionMs,
            double otherFixedMs) {

        static @Nullable Stages of(@Nullable FixedStages fixed, double endToEndMs) {
            return fixed == null
                    ? null
                    : new Stages(
                            fixed.denoiserMs(endToEndMs),
                            fixed.textEncoderMs(),
                            fixed.vaeDecoderMs(),
                            fixed.superResolutionMs(),
                            fixed.otherMs());
        }
    }

    /**
     * A config's peak memory on the device, from the peaks it measured.
     *
     * @param boundBytes what a search's peak memory budget is checked against: the fit plus its largest
     *     leave-one-out miss
     */
    record PeakMemory(long predictedBytes, long boundBytes) {}

    /**
     * @param interval the probability the measured latency falls in [lowerMs, upperMs], as its interval scale says
     */
    record PredictionResponse(
            UUID deviceId,
            String space,
            long metaModelVersion,
            int deviceSamples,
            Instant fittedAt,
            double interval,
            List<PredictedLatency> predictions) {}

    /** Predicts end-to-end latency with an 80% interval for up to 10,000 configs of the device's space. */
    @PostMapping("/api/v1/devices/{deviceId}/predictions")
    @Operation(
            operationId = "predictLatencies",
            summary = "Predict latencies, with intervals, of up to 10,000 configs on a device")
    @SecurityRequirement(name = Tokens.READ)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`device-not-found`")
    @ApiResponse(responseCode = "409", description = "`device-not-ready`: still calibrating; `no-meta-model`")
    @ApiResponse(responseCode = "413", description = "`body-too-large`, or `batch-too-large`: over 10,000 configs")
    @ApiResponse(responseCode = "422", description = "`invalid-request` or `invalid-config`")
    @ApiResponse(
            responseCode = "503",
            description =
                    "`meta-model-training`: the first meta-model of the space is training; or `service-unavailable`")
    PredictionResponse predict(@PathVariable UUID deviceId, @Valid @RequestBody PredictionRequest request) {
        if (request.configs().size() > MAX_CONFIGS) {
            throw PredictorProblems.tooManyConfigs(request.configs().size(), MAX_CONFIGS);
        }
        var predicted = predictors.predict(deviceId, request.configs());
        var fit = predicted.fit();
        var out = new ArrayList<PredictedLatency>(predicted.configs().size());
        for (int i = 0; i < predicted.configs().size(); i++) {
            SpaceConfig config = predicted.configs().get(i);
            double endToEnd = predicted.latencies().latencyMs()[i];
            var memory = fit.peakMemoryOf(config);
            out.add(new PredictedLatency(
                    config.contentHash(),
                    endToEnd,
                    predicted.latencies().lowerMs()[i],
                    predicted.latencies().upperMs()[i],
                    Stages.of(fit.fixedStages(), endToEnd),
                    memory == null
                            ? null
                            : new PeakMemory(Math.round(memory.predictedBytes()), Math.round(memory.boundBytes()))));
        }
        return new PredictionResponse(
                deviceId,
                fit.space().name(),
                fit.metaModelVersion(),
                fit.samples(),
                fit.fittedAt(),
                MetaModel.INTERVAL_LEVEL,
                out);
    }

    /**
     * @param status {@code ready} when predictions can be made; otherwise why not
     */
    record PredictorStatus(
            UUID deviceId,
            String space,
            String status,
            @Nullable Long metaModelVersion,
            @Nullable Integer samples,
            @Nullable Instant fittedAt,
            double @Nullable [] embedding,
            @Nullable Double embeddingScaleMs,
            DevicePredictors.@Nullable Accuracy leaveOneOut,
            DevicePredictors.@Nullable Accuracy sinceLastFit,
            @Nullable List<Part> parts,
            @Nullable Integer referenceSetVersion,
            @Nullable Long refitMillis,
            @Nullable FixedStages fixedStages,
            @Nullable PeakMemoryFit peakMemory) {

        static PredictorStatus notReady(UUID deviceId, String space, String status) {
            return new PredictorStatus(
                    deviceId, space, status, null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * The device's peak memory by the denoiser's size, {@code interceptBytes + bytesPerParameter * parameters +
     * bytesPerActivation * activations} (activations: the largest working set of one denoiser call, in values, from
     * the space's cost model), fitted to the peaks it measured. A slope its measurements could not determine is 0.
     *
     * @param marginBytes the largest leave-one-out miss, added to the fit for a budget's bound
     */
    record PeakMemoryFit(
            double interceptBytes,
            double bytesPerParameter,
            double bytesPerActivation,
            double marginBytes,
            int samples) {

        static @Nullable PeakMemoryFit of(@Nullable PeakMemoryModel model) {
            return model == null
                    ? null
                    : new PeakMemoryFit(
                            model.interceptBytes(),
                            model.bytesPerParameter(),
                            model.bytesPerActivation(),
                            model.marginBytes(),
                            model.samples());
        }
    }

    /**
     * One candidate predictor of the device and its share: the meta-model, the cost proxy, the source devices, the
     * nearest source device.
     *
     * @param detail e.g. the nearest device's name
     * @param heldOutMapePercent its error on the device's own samples, each left out in turn
     */
    record Part(String name, @Nullable String detail, double weight, double heldOutMapePercent) {}

    @GetMapping("/api/v1/devices/{deviceId}/predictor")
    @Operation(operationId = "showPredictor", summary = "The device's predictor: its parts and accuracy")
    @SecurityRequirement(name = Tokens.ADMIN)
    @SecurityRequirement(name = Tokens.AGENT)
    @SecurityRequirement(name = Tokens.READ)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`device-not-found`")
    PredictorStatus status(@PathVariable UUID deviceId) {
        DeviceResponse device = devices.find(deviceId);
        if (device.status() != DeviceStatus.READY) {
            return PredictorStatus.notReady(
                    deviceId, device.space(), device.status().name().toLowerCase(Locale.ROOT));
        }
        if (metaModels.current(device.space()).isEmpty()) {
            return PredictorStatus.notReady(deviceId, device.space(), "no-meta-model");
        }
        var fit = predictors.fitFor(deviceId);
        var embedding = fit.predictor().embedding();
        return new PredictorStatus(
                deviceId,
                device.space(),
                "ready",
                fit.metaModelVersion(),
                fit.samples(),
                fit.fittedAt(),
                embedding.shape(),
                embedding.scaleMs(),
                fit.accuracy(),
                fit.sinceLastFit(),
                fit.predictor().parts().stream()
                        .map(p -> new Part(p.name(), p.detail(), p.weight(), p.heldOutMapePercent()))
                        .toList(),
                fit.referenceSetVersion(),
                fit.refitMillis(),
                fit.fixedStages(),
                PeakMemoryFit.of(fit.peakMemory()));
    }

    @GetMapping("/api/v1/spaces/{space}/meta-model")
    @Operation(operationId = "showMetaModel", summary = "The space's current meta-model")
    @SecurityRequirement(name = Tokens.READ)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`space-not-found`")
    @ApiResponse(responseCode = "409", description = "`no-meta-model`: not trained yet")
    MetaModelResponse metaModel(@PathVariable String space) {
        requireKnown(space);
        var versioned =
                metaModels.current(space).orElseThrow(() -> PredictorProblems.noMetaModel(space, "not trained"));
        return MetaModelResponse.of(
                space,
                versioned.version(),
                versioned.model().provenance(),
                versioned.model().intervalScale());
    }

    /** Retrains the space's meta-model on everything known now (admin token); a no-op if nothing changed. */
    @PostMapping("/api/v1/spaces/{space}/meta-model")
    @Operation(operationId = "retrainMetaModel", summary = "Retrain the space's meta-model on everything measured now")
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "`space-not-found`")
    @ApiResponse(responseCode = "409", description = "`no-meta-model`: fewer than three source devices")
    MetaModelResponse retrain(@PathVariable String space, Caller caller) {
        caller.requireAdmin();
        requireKnown(space);
        try {
            metaModels.train(space);
        } catch (IllegalStateException e) {
            throw PredictorProblems.noMetaModel(space, String.valueOf(e.getMessage()));
        }
        audit.record(caller, "meta-model.retrain", space);
        return metaModel(space);
    }

    private void requireKnown(String space) {
        if (spaces.find(space).isEmpty()) {
            throw PredictorProblems.spaceNotFound(space);
        }
    }
}

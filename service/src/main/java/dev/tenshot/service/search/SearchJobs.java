package dev.tenshot.service.search;

import dev.tenshot.predictor.MetaModel;
import dev.tenshot.service.access.AuditLog;
import dev.tenshot.service.access.Caller;
import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import dev.tenshot.service.device.DeviceProblems;
import dev.tenshot.service.device.DeviceResponse;
import dev.tenshot.service.device.DeviceService;
import dev.tenshot.service.device.DeviceStatus;
import dev.tenshot.service.measurement.MeasuredConfig;
import dev.tenshot.service.measurement.MeasurementQueries;
import dev.tenshot.service.predictor.DevicePredictors;
import dev.tenshot.service.quality.QualityModels;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import dev.tenshot.space.mmdit.Precision;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Submitting, reading and cancelling search jobs; the {@link SearchRunner} runs them. */
@Service
class SearchJobs {

    private static final Set<String> OBJECTIVES = Set.of("latency", "quality", "parameters", "memory");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SearchJobRepository jobs;
    private final FrontPointRepository fronts;
    private final VerificationRepository verifications;
    private final DeviceService devices;
    private final MeasurementQueries measurements;
    private final DevicePredictors predictors;
    private final SearchProperties properties;
    private final QualityModels qualityModels;
    private final AuditLog audit;
    private final SearchMetrics metrics;
    private final MmditPruningSpace space;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SearchJobs(
            SearchJobRepository jobs,
            FrontPointRepository fronts,
            VerificationRepository verifications,
            DeviceService devices,
            MeasurementQueries measurements,
            DevicePredictors predictors,
            SearchProperties properties,
            QualityModels qualityModels,
            AuditLog audit,
            SearchMetrics metrics,
            MmditPruningSpace space,
            TransactionTemplate transaction,
            Clock clock) {
        this.space = space;
        this.transaction = transaction;
        this.jobs = jobs;
        this.fronts = fronts;
        this.verifications = verifications;
        this.devices = devices;
        this.measurements = measurements;
        this.predictors = predictors;
        this.properties = properties;
        this.qualityModels = qualityModels;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Checks a search request and queues its job. The checks read outside a transaction: a peak memory budget waits
     * for each device's fit of all its measurements, which must not hold a connection meanwhile (the fit needs one
     * too); only the job's row and its audit entry are written in one.
     */
    SearchJobResponse submit(SearchJobRequest request, Caller by) {
        if (request.devices().stream().distinct().count() != request.devices().size()) {
            throw new ProblemException(ProblemType.INVALID_DEVICES, "each target device once: " + request.devices());
        }
        for (UUID id : request.devices()) {
            DeviceResponse device = requireReady(devices.find(id));
            if (!device.space().equals(space.name())) {
                throw new ProblemException(
                        ProblemType.UNSUPPORTED_SPACE,
                        "searches run over the " + space.name() + " space; device " + device.id() + " is in "
                                + device.space());
            }
        }
        DeviceResponse device = devices.find(request.devices().getFirst());
        checkObjectives(request.objectives());
        SearchSpec spec = SearchSpec.of(request);
        int population = spec.budget().population();
        int generations = spec.budget().generations();
        if (population > properties.maxPopulation() || generations > properties.maxGenerations()) {
            throw new ProblemException(
                    ProblemType.BUDGET_TOO_LARGE,
                    "population <= " + properties.maxPopulation() + " and generations <= "
                            + properties.maxGenerations() + " on this service: got " + population + " x "
                            + generations);
        }
        var constraints = request.constraints();
        int depth = space.depth();
        if (constraints != null) {
            if (constraints.minKeptBlocks() != null && constraints.minKeptBlocks() > depth) {
                throw impossible(
                        "minKeptBlocks " + constraints.minKeptBlocks() + " > the " + depth + " blocks there are");
            }
            if (constraints.minQuality() != null && constraints.minQuality() > 1) {
                throw impossible("minQuality " + constraints.minQuality() + " > 1, the unpruned model's quality");
            }
            if (constraints.memoryBudgetBytes() != null) {
                for (UUID id : request.devices()) {
                    var target = devices.find(id);
                    double smallest = space.costs().denoiserParameters(space.smallest())
                            * Precision.ofLabel(target.precision()).weightBytes();
                    if (constraints.memoryBudgetBytes() < smallest) {
                        throw impossible("memoryBudgetBytes "
                                + constraints.memoryBudgetBytes().longValue()
                                + " is below the smallest config's weights on " + target.name() + " ("
                                + (long) smallest + " bytes at " + target.precision() + ")");
                    }
                }
            }
        }
        qualityModels.modelFor(request.qualityMetric()); // 422 now, not a failed job later, if it cannot be fitted
        if (spec.peakMemoryBudgetBytes() != null) {
            checkPeakMemory(request.devices(), spec.peakMemoryBudgetBytes());
        }
        var job = new SearchJob(
                device.id(),
                device.space(),
                JSON.valueToTree(request),
                spec.seed(),
                population,
                generations,
                spec.rounds(),
                clock.instant());
        return Objects.requireNonNull(transaction.execute(status -> {
            // again, in the transaction that saves the job: the peak memory check may have waited for fits meanwhile
            for (UUID id : request.devices()) {
                requireReady(devices.find(id));
            }
            SearchJob saved = jobs.save(job);
            audit.record(by, "search.submit", saved.id().toString());
            return saved.toResponse(clock.instant());
        }));
    }

    @Transactional(readOnly = true)
    SearchJobResponse find(UUID id) {
        return job(id).toResponse(clock.instant());
    }

    /**
     * Cancels a queued, running or verifying job under its row lock, so a runner finishing the round at the same time
     * either sees the cancel or is seen by it, never saves over it. A finished job says so; cancelling a cancelled
     * job again answers it as it is.
     */
    @Transactional
    SearchJobResponse cancel(UUID id, Caller by) {
        SearchJob job = jobs.lockById(id).orElseThrow(() -> SearchProblems.jobNotFound(id));
        if (job.state() == SearchJobState.DONE || job.state() == SearchJobState.FAILED) {
            throw SearchProblems.jobFinished(id, job.state());
        }
        boolean ends = !job.state().isFinal();
        job.cancel(clock.instant());
        if (ends) {
            metrics.ended(job);
        }
        audit.record(by, "search.cancel", id.toString());
        return job.toResponse(clock.instant());
    }

    /**
     * The latest front of a verifying or done job, with the median of each device's measurements beside each config
     * it has measured.
     */
    @Transactional(readOnly = true)
    FrontResponse front(UUID id) {
        SearchJob job = job(id);
        if (!job.state().hasFront()) {
            throw SearchProblems.frontNotReady(id, job.state());
        }
        var settings = settings(job);
        List<FrontPoint> stored = fronts.findByJobIdOrderByPointAscDeviceIdAsc(id);
        Map<UUID, Map<String, Double>> measured = new HashMap<>();
        Map<UUID, Map<String, Double>> peaks = new HashMap<>();
        for (UUID device : stored.stream().map(FrontPoint::deviceId).distinct().toList()) {
            List<MeasuredConfig> ofDevice = measurements.of(device, space.name());
            measured.put(device, RoundLatency.medians(ofDevice, MeasuredConfig::endToEndMs));
            peaks.put(device, RoundLatency.medians(ofDevice, MeasuredConfig::peakMemoryBytes));
        }
        List<FrontResponse.Point> points = stored.stream()
                .map(p -> p.toPoint(
                        measured.getOrDefault(p.deviceId(), Map.of()).get(p.configHash()),
                        peaks.getOrDefault(p.deviceId(), Map.of()).get(p.configHash()),
                        settings.latencyBudgetMs()))
                .toList();
        List<UUID> targets =
                stored.stream().map(FrontPoint::deviceId).distinct().toList();
        return new FrontResponse(
                id,
                targets.isEmpty() ? List.of(job.deviceId()) : targets,
                job.round(),
                Double.isFinite(settings.latencyBudgetMs()) ? settings.latencyBudgetMs() : null,
                settings.confidence(),
                MetaModel.INTERVAL_LEVEL,
                points);
    }

    /**
     * What the job's front, as {@link #front} answers it, depends on: the job's state and round, and how many
     * measurements each of its devices has (a new one may put a measured latency beside a point). Equal versions,
     * equal fronts.
     */
    @Transactional(readOnly = true)
    String frontVersion(UUID id) {
        SearchJob job = job(id);
        if (!job.state().hasFront()) {
            throw SearchProblems.frontNotReady(id, job.state());
        }
        var version = new StringBuilder(job.state() + " " + job.round());
        for (UUID device :
                JSON.treeToValue(job.request(), SearchJobRequest.class).devices()) {
            version.append(' ').append(measurements.stored(device, space.name()));
        }
        return version.toString();
    }

    /** Every verification of the job so far, round by round. */
    @Transactional(readOnly = true)
    VerificationResponse verifications(UUID id) {
        SearchJob job = job(id);
        var settings = settings(job);
        return new VerificationResponse(
                id,
                Double.isFinite(settings.latencyBudgetMs()) ? settings.latencyBudgetMs() : null,
                settings.verifyTolerance(),
                verifications.findByJobIdOrderByRoundAscTaskIdAsc(id).stream()
                        .map(v -> v.toItem(settings.latencyBudgetMs()))
                        .toList());
    }

    private static SearchJobRequest.RoundSettings settings(SearchJob job) {
        return JSON.treeToValue(job.request(), SearchJobRequest.class).roundSettings();
    }

    private SearchJob job(UUID id) {
        return jobs.findById(id).orElseThrow(() -> SearchProblems.jobNotFound(id));
    }

    private static void checkObjectives(List<String> objectives) {
        for (String objective : objectives) {
            if (!OBJECTIVES.contains(objective)) {
                throw new ProblemException(
                        ProblemType.INVALID_OBJECTIVES, "objective '" + objective + "' is not one of " + OBJECTIVES);
            }
        }
        if (!objectives.contains("latency") || !objectives.contains("quality")) {
            throw new ProblemException(
                    ProblemType.INVALID_OBJECTIVES,
                    "a search minimises latency and maximises quality: objectives must include both, got "
                            + objectives);
        }
    }

    private static DeviceResponse requireReady(DeviceResponse device) {
        if (device.status() != DeviceStatus.READY) {
            throw DeviceProblems.notReady(device.id(), device.status(), "a search needs its predictor, ready after");
        }
        return device;
    }

    /**
     * Each device has measured its peak memory, and the smallest config's bound fits in the budget, by a fit of every
     * measurement stored so far (a device that has just reported its first peaks counts).
     */
    private void checkPeakMemory(List<UUID> deviceIds, double budgetBytes) {
        MmditConfig smallest = space.smallest();
        for (UUID id : deviceIds) {
            DeviceResponse device = devices.find(id);
            DevicePredictors.Fit fit = predictors.freshFitFor(id);
            var peak = fit.peakMemoryOf(smallest);
            if (peak == null) {
                throw SearchProblems.peakMemoryUnmeasured(id, device.name());
            }
            if (budgetBytes < peak.boundBytes()) {
                throw impossible(String.format(
                        Locale.ROOT,
                        "peakMemoryBudgetBytes %d is below the smallest config's peak memory on %s (%d bytes: the fit"
                                + " to its %d measured peaks plus its largest leave-one-out miss)",
                        (long) budgetBytes,
                        device.name(),
                        (long) peak.boundBytes(),
                        Objects.requireNonNull(fit.peakMemory()).samples()));
            }
        }
    }

    private static ProblemException impossible(String why) {
        return new ProblemException(ProblemType.IMPOSSIBLE_CONSTRAINTS, why);
    }
}

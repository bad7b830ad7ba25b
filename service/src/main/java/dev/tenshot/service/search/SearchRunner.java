package dev.tenshot.service.search;

import dev.tenshot.predictor.Predictions;
import dev.tenshot.search.Candidate;
import dev.tenshot.search.LatencyEstimator;
import dev.tenshot.search.ParetoSearch;
import dev.tenshot.search.QualityModel;
import dev.tenshot.search.ReferencePoint;
import dev.tenshot.search.SearchBudget;
import dev.tenshot.search.SearchConstraints;
import dev.tenshot.search.SearchProblem;
import dev.tenshot.search.SearchProgress;
import dev.tenshot.search.SearchResult;
import dev.tenshot.service.database.DatabaseErrors;
import dev.tenshot.service.device.DeviceService;
import dev.tenshot.service.measurement.MeasurementQueries;
import dev.tenshot.service.predictor.DevicePredictors;
import dev.tenshot.service.quality.QualityModels;
import dev.tenshot.service.task.TaskQueue;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs search jobs, one round at a time per replica: leases the oldest job with work ({@code SKIP LOCKED}, so two
 * replicas never take the same one), runs its round's search, records progress every generation (which also renews
 * the lease) and stores the front. A job whose replica died is taken again once its lease expires and its round is
 * rerun from its seed. While it runs, the lease is renewed a few times per lease period (fits can take longer than
 * a lease), and every write the runner makes locks the job's row and checks that this replica still holds it: a
 * cancel or a takeover in between is seen, never overwritten.
 *
 * <p>A job with {@code verifyTopK} then queues the top of its front for measurement on each device and is {@code
 * verifying}, held by no replica, until its round's tasks have all ended. Leased again, the round is judged
 * ({@link RoundOutcome}): the job is done with a {@link Verdict}, or the next round searches with the devices'
 * predictors refitted to every measurement so far, each measured config at its measured latency, starting from the
 * measured configs of the last front.
 */
@Component
class SearchRunner {

    private static final Logger log = LoggerFactory.getLogger(SearchRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String owner = "replica-" + UUID.randomUUID();
    private final SearchJobRepository jobs;
    private final FrontPointRepository fronts;
    private final ProgressPointRepository progress;
    private final DevicePredictors predictors;
    private final TaskQueue tasks;
    private final QualityModels qualityModels;
    private final DeviceService devices;
    private final VerificationRepository verifications;
    private final MeasurementQueries measurements;
    private final SearchProperties properties;
    private final SearchMetrics metrics;
    private final DatabaseErrors databaseErrors;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "search-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    SearchRunner(
            SearchJobRepository jobs,
            FrontPointRepository fronts,
            ProgressPointRepository progress,
            DevicePredictors predictors,
            TaskQueue tasks,
            QualityModels qualityModels,
            DeviceService devices,
            VerificationRepository verifications,
            MeasurementQueries measurements,
            SearchProperties properties,
            SearchMetrics metrics,
            DatabaseErrors databaseErrors,
            TransactionTemplate transaction,
            Clock clock) {
        this.jobs = jobs;
        this.fronts = fronts;
        this.progress = progress;
        this.predictors = predictors;
        this.tasks = tasks;
        this.qualityModels = qualityModels;
        this.devices = devices;
        this.verifications = verifications;
        this.measurements = measurements;
        this.properties = properties;
        this.metrics = metrics;
        this.databaseErrors = databaseErrors;
        this.transaction = transaction;
        this.clock = clock;
        long every = Math.max(10, properties.lease().toMillis() / 4);
        renewer.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
    }

    @Scheduled(fixedDelayString = "${tenshot.search.poll:500ms}")
    void runNext() {
        Optional<SearchJob> claimed;
        try {
            claimed = Optional.ofNullable(transaction.execute(status -> {
                Instant now = clock.instant();
                return jobs.lockNext(now)
                        .map(UUID::fromString)
                        .flatMap(jobs::findById)
                        .flatMap(job -> claim(job, now))
                        .orElse(null);
            }));
        } catch (DataAccessException | TransactionException e) {
            // The database is away (restarting, cut off): poll again later, one line per failed poll, no trace.
            databaseErrors.count(DatabaseErrors.SEARCH_POLL);
            log.warn("cannot poll for search jobs: {}", e.getMessage());
            return;
        }
        claimed.ifPresent(this::run);
    }

    /**
     * In the lease's transaction: a verifying job's round is judged, and the job ends with a verdict or starts its
     * next round. Answers the job when a round's search is to run.
     */
    private Optional<SearchJob> claim(SearchJob job, Instant now) {
        Instant leaseUntil = now.plus(properties.lease());
        if (job.state() == SearchJobState.VERIFYING) {
            var settings = request(job).roundSettings();
            var outcome = RoundOutcome.judge(
                    verifications.findByJobIdAndRoundOrderByTaskId(job.id(), job.round()).stream()
                            .map(Verification::toOutcomePoint)
                            .toList(),
                    settings.verifyTolerance(),
                    settings.latencyBudgetMs());
            boolean met = recordMeasurements(job, settings.latencyBudgetMs());
            Optional<Verdict> verdict = outcome.verdict(job.round(), job.maxRounds(), met);
            log.info(
                    "search job {} round {}: {} of {} verified, median |measured/predicted - 1| {}, {} over budget: {}",
                    job.id(),
                    job.round(),
                    outcome.verified(),
                    outcome.queued(),
                    outcome.medianError(),
                    outcome.brokeBudget(),
                    verdict.map(Verdict::name).orElse("next round"));
            if (verdict.isPresent()) {
                job.conclude(verdict.get(), now);
                metrics.ended(job);
                return Optional.empty();
            }
            job.startNextRound(owner, leaseUntil);
            metrics.attempt(false);
        } else {
            job.start(owner, now, leaseUntil);
            metrics.attempt(job.attempts() > 1);
        }
        progress.deleteByJob(job.id());
        return Optional.of(job);
    }

    /**
     * Puts each device's median measurement beside the job's stored front and marks the points measured over the
     * budget on some device infeasible. Answers whether some point is reported feasible and measured within the
     * budget on every device (true without a budget).
     */
    private boolean recordMeasurements(SearchJob job, double budgetMs) {
        Map<UUID, List<FrontPoint>> byDevice = new HashMap<>();
        Map<Integer, List<FrontPoint>> byPoint = new TreeMap<>();
        for (FrontPoint point : fronts.findByJobIdOrderByPointAscDeviceIdAsc(job.id())) {
            byDevice.computeIfAbsent(point.deviceId(), d -> new ArrayList<>()).add(point);
            byPoint.computeIfAbsent(point.point(), p -> new ArrayList<>()).add(point);
        }
        Map<UUID, Map<String, Double>> medians = new HashMap<>();
        byDevice.forEach((device, points) -> medians.put(device, medians(device)));
        boolean met = !Double.isFinite(budgetMs);
        for (List<FrontPoint> rows : byPoint.values()) {
            double worst = 0;
            boolean measuredEverywhere = true;
            for (FrontPoint row : rows) {
                Double measured = medians.get(row.deviceId()).get(row.configHash());
                if (measured == null) {
                    measuredEverywhere = false;
                } else {
                    row.measured(measured);
                    worst = Math.max(worst, measured);
                }
            }
            if (worst > budgetMs) {
                double excess = (worst - budgetMs) / budgetMs;
                rows.forEach(row -> row.breaksBudget(excess));
            } else if (measuredEverywhere && rows.getFirst().feasible()) {
                met = true;
            }
        }
        return met;
    }

    private void run(SearchJob job) {
        UUID id = job.id();
        int round = job.round();
        long metaModel = -1;
        held.add(id);
        try {
            SearchJobRequest request = request(job);
            var settings = request.roundSettings();
            // Every round searches a fit of every measurement so far (the last round's verifications among them).
            var fits = request.devices().stream().map(predictors::freshFitFor).toList();
            metaModel = fits.getFirst().metaModelVersion();
            var space = (MmditPruningSpace) fits.getFirst().space();
            var latency = roundLatency(space, request.devices(), fits, settings.confidence());
            double maxParameters = Double.POSITIVE_INFINITY;
            if (request.constraints() != null && request.constraints().memoryBudgetBytes() != null) {
                for (UUID device : request.devices()) {
                    maxParameters = Math.min(
                            maxParameters,
                            request.constraints().memoryBudgetBytes()
                                    / WeightMemory.bytesPerWeight(
                                            devices.find(device).precision()));
                }
            }
            SearchProblem problem =
                    problem(space, latency, qualityModels.modelFor(request.qualityMetric()), request, maxParameters);
            SearchResult result = ParetoSearch.run(
                    problem,
                    new SearchBudget(job.population(), job.generations()),
                    job.seed(),
                    round == 1 ? List.of() : measuredOnFront(id, space, job.population() / 2),
                    step -> record(id, round, step),
                    () -> false);
            List<FrontResponse.Point> points =
                    points(space, request.devices(), fits, latency, round, settings, result.front());
            long version = metaModel;
            transaction.executeWithoutResult(status -> {
                SearchJob current = jobs.lockById(id).orElseThrow();
                if (!current.runBy(owner)) {
                    throw new Cancelled();
                }
                fronts.deleteByJob(id);
                fronts.saveAll(points.stream().map(p -> new FrontPoint(id, p)).toList());
                if (settings.verifies()) {
                    queueVerifications(id, round, request.devices(), latency, settings, result.front(), points);
                }
                current.searched(settings.verifies(), version, clock.instant());
                if (current.state().isFinal()) {
                    metrics.ended(current);
                }
            });
            log.info(
                    "search job {} round {} searched: {} front points on {} device(s)",
                    id,
                    round,
                    result.front().size(),
                    request.devices().size());
        } catch (Cancelled e) {
            log.info("search job {} cancelled or taken over", id);
        } catch (RuntimeException e) {
            long version = metaModel;
            boolean recorded = Boolean.TRUE.equals(transaction.execute(status -> {
                SearchJob current = jobs.lockById(id).orElseThrow();
                if (!current.runBy(owner)) {
                    return false; // cancelled or taken over meanwhile: the failure is not ours to record
                }
                current.finish(SearchJobState.FAILED, e.getMessage(), version, clock.instant());
                metrics.ended(current);
                return true;
            }));
            if (recorded) {
                log.error("search job {} failed", id, e);
            } else {
                log.info("search job {} failed after it was cancelled or taken over: {}", id, e.toString());
            }
        } finally {
            held.remove(id);
        }
    }

    /**
     * Renews the lease of every job this replica is running, a few times per lease: a round's fits can outlast a
     * lease with no generation reported, and a job whose lease ran out while its replica was still busy ran twice. A
     * renewal that finds the job gone (cancelled, or taken over after this replica stalled) stops nothing by itself:
     * the next write, fenced by the lease owner under the row lock, finds out and stops.
     */
    private void renewLeases() {
        for (UUID id : held) {
            try {
                if (jobs.renewLease(id, owner, clock.instant().plus(properties.lease())) == 0) {
                    log.info("search job {} is no longer this replica's (cancelled or taken over)", id);
                }
            } catch (RuntimeException e) {
                log.warn("could not renew the lease of search job {}: {}", id, e.toString());
            }
        }
    }

    @PreDestroy
    void stopRenewing() {
        renewer.shutdownNow();
    }

    private void record(UUID id, int round, SearchProgress step) {
        transaction.executeWithoutResult(status -> {
            SearchJob job = jobs.lockById(id).orElseThrow();
            if (!job.runBy(owner)) {
                throw new Cancelled();
            }
            Instant now = clock.instant();
            job.progress(
                    (int) step.generation(),
                    step.evaluations(),
                    step.frontSize(),
                    step.hypervolume(),
                    now.plus(properties.lease()));
            progress.save(new ProgressPoint(
                    id, round, (int) step.generation(), step.evaluations(), step.frontSize(), step.hypervolume(), now));
        });
    }

    private RoundLatency roundLatency(
            MmditPruningSpace space, List<UUID> deviceIds, List<DevicePredictors.Fit> fits, double confidence) {
        var perDevice = new ArrayList<RoundLatency.Device>(fits.size());
        for (int d = 0; d < fits.size(); d++) {
            var predictor = fits.get(d).predictor();
            perDevice.add(new RoundLatency.Device(
                    predictor::predictLatencies,
                    features -> predictor.upperBoundMs(features, confidence),
                    RoundLatency.byConfig(measurements.of(deviceIds.get(d), space.name()), space)));
        }
        return new RoundLatency(perDevice, space::features);
    }

    /**
     * The configs of the previous round's front that a device has measured, in front order: the next round starts
     * from them, so that each competes at its measured latency rather than being lost to a new random draw.
     */
    private List<MmditConfig> measuredOnFront(UUID jobId, MmditPruningSpace space, int limit) {
        return fronts.findByJobIdOrderByPointAscDeviceIdAsc(jobId).stream()
                .filter(point -> point.measuredLatencyMs() != null)
                .map(point -> RoundLatency.parse(space, point.config()))
                .distinct()
                .limit(limit)
                .toList();
    }

    private Map<String, Double> medians(UUID deviceId) {
        return RoundLatency.medians(measurements.of(deviceId, MmditPruningSpace.NAME));
    }

    private static SearchProblem problem(
            MmditPruningSpace space,
            LatencyEstimator latency,
            QualityModel quality,
            SearchJobRequest request,
            double maxParameters) {
        var limits = request.constraints();
        var constraints = limits == null
                ? SearchConstraints.none()
                : new SearchConstraints(
                        limits.latencyBudgetMs() == null ? Double.POSITIVE_INFINITY : limits.latencyBudgetMs(),
                        limits.minQuality() == null ? Double.NEGATIVE_INFINITY : limits.minQuality(),
                        limits.minKeptBlocks() == null ? 1 : limits.minKeptBlocks(),
                        maxParameters);
        MmditConfig full = MmditConfig.full(space.base());
        double fullLatency = latency.estimateMs(List.of(full))[0];
        var reference =
                new ReferencePoint(1.1 * fullLatency, 0, 1.1 * space.costs().denoiserParameters(full));
        boolean sizeObjective = request.objectives().contains("parameters")
                || request.objectives().contains("memory");
        return new SearchProblem(space, latency, quality, constraints, sizeObjective, reference);
    }

    /**
     * Queues each device's pick of the front ({@link TopOfFront}) for measurement, with a verification row per task
     * holding the round's prediction.
     */
    private void queueVerifications(
            UUID jobId,
            int round,
            List<UUID> deviceIds,
            RoundLatency latency,
            SearchJobRequest.RoundSettings settings,
            List<Candidate> front,
            List<FrontResponse.Point> points) {
        var rows = new ArrayList<Verification>();
        for (int d = 0; d < deviceIds.size(); d++) {
            RoundLatency.Device device = latency.device(d);
            List<Candidate> picked = TopOfFront.pick(
                    front, c -> device.measured(c.config()) != null, settings.verifyTopK(), settings.latencyBudgetMs());
            if (picked.isEmpty()) {
                continue;
            }
            metrics.expectVerifications(deviceIds.get(d));
            List<Long> taskIds = tasks.enqueue(
                    deviceIds.get(d),
                    null,
                    picked.stream().map(c -> c.config().toJson()).toList());
            for (int i = 0; i < picked.size(); i++) {
                FrontResponse.Point point = points.get(d * front.size() + front.indexOf(picked.get(i)));
                rows.add(new Verification(taskIds.get(i), jobId, round, point));
            }
        }
        verifications.saveAll(rows);
    }

    /** The front on each device (device by device, in front order): prediction, interval, bound, measurement. */
    private static List<FrontResponse.Point> points(
            MmditPruningSpace space,
            List<UUID> deviceIds,
            List<DevicePredictors.Fit> fits,
            RoundLatency latency,
            int round,
            SearchJobRequest.RoundSettings settings,
            List<Candidate> front) {
        List<MmditConfig> configs = front.stream().map(Candidate::config).toList();
        double[][] features = features(space, configs);
        var points = new ArrayList<FrontResponse.Point>(deviceIds.size() * front.size());
        for (int d = 0; d < deviceIds.size(); d++) {
            Predictions predicted = fits.get(d).predictor().predict(features);
            double[] bound = latency.constraintMsOn(d, configs);
            for (int i = 0; i < front.size(); i++) {
                Candidate candidate = front.get(i);
                String hash = candidate.config().contentHash();
                Double measured = latency.device(d).measured(candidate.config());
                points.add(new FrontResponse.Point(
                        i,
                        deviceIds.get(d),
                        round,
                        candidate.config().toJson(),
                        hash,
                        candidate.config().keptBlocks(),
                        predicted.latencyMs()[i],
                        predicted.lowerMs()[i],
                        predicted.upperMs()[i],
                        bound[i],
                        candidate.quality(),
                        candidate.denoiserParameters(),
                        candidate.feasible(),
                        candidate.violation(),
                        measured,
                        FrontPoint.meetsBudget(measured, settings.latencyBudgetMs())));
            }
        }
        return points;
    }

    private static SearchJobRequest request(SearchJob job) {
        return JSON.treeToValue(job.request(), SearchJobRequest.class);
    }

    private static double[][] features(MmditPruningSpace space, List<MmditConfig> configs) {
        double[][] features = new double[configs.size()][];
        for (int i = 0; i < features.length; i++) {
            features[i] = space.features(configs.get(i));
        }
        return features;
    }

    /** Thrown out of the progress callback to stop a cancelled job. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled", null, false, false);
        }
    }
}

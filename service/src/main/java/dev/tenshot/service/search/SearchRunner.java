package dev.tenshot.service.search;

import dev.tenshot.search.ParetoSearch;
import dev.tenshot.search.SearchProblem;
import dev.tenshot.search.SearchProgress;
import dev.tenshot.search.SearchResult;
import dev.tenshot.service.database.DatabaseErrors;
import dev.tenshot.service.device.DeviceService;
import dev.tenshot.service.predictor.DevicePredictors;
import dev.tenshot.service.quality.QualityModels;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import dev.tenshot.space.mmdit.Precision;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final ProgressPointRepository progress;
    private final DevicePredictors predictors;
    private final RoundFronts roundFronts;
    private final QualityModels qualityModels;
    private final DeviceService devices;
    private final SearchProperties properties;
    private final SearchMetrics metrics;
    private final DatabaseErrors databaseErrors;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /**
     * The rounds this replica is running, by job, each with whether it was lost (the job cancelled or taken over):
     * its search stops before the next generation. One flag per run, so that a late renewal of a finished round
     * cannot stop the job's next one.
     */
    private final Map<UUID, AtomicBoolean> held = new ConcurrentHashMap<>();

    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "search-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    SearchRunner(
            SearchJobRepository jobs,
            ProgressPointRepository progress,
            DevicePredictors predictors,
            RoundFronts roundFronts,
            QualityModels qualityModels,
            DeviceService devices,
            SearchProperties properties,
            SearchMetrics metrics,
            DatabaseErrors databaseErrors,
            TransactionTemplate transaction,
            Clock clock) {
        this.jobs = jobs;
        this.progress = progress;
        this.predictors = predictors;
        this.roundFronts = roundFronts;
        this.qualityModels = qualityModels;
        this.devices = devices;
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
            SearchSpec spec = SearchSpec.of(request(job));
            var settings = spec.rounds();
            var measured =
                    roundFronts.recordMeasurements(job, settings.latencyBudgetMs(), spec.peakMemoryBudgetBytes());
            var outcome = roundFronts.judge(job, settings).withPeakMemoryBreaks(measured.overPeakBudget());
            Optional<Verdict> verdict = outcome.verdict(job.round(), job.maxRounds(), measured.budgetMet());
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

    private void run(SearchJob job) {
        UUID id = job.id();
        int round = job.round();
        long metaModel = -1;
        var lost = new AtomicBoolean();
        held.put(id, lost);
        try {
            SearchSpec spec = SearchSpec.of(request(job));
            var settings = spec.rounds();
            // Every round searches a fit of every measurement so far (the last round's verifications among them).
            var fits = spec.devices().stream().map(predictors::freshFitFor).toList();
            metaModel = fits.getFirst().metaModelVersion();
            var space = (MmditPruningSpace) fits.getFirst().space();
            var latency = roundFronts.latency(space, spec.devices(), fits, settings.confidence());
            var precisions = spec.devices().stream()
                    .map(device -> Precision.ofLabel(devices.find(device).precision()))
                    .toList();
            SearchProblem problem = spec.problem(
                    space,
                    latency,
                    qualityModels.modelFor(spec.qualityMetric()),
                    precisions,
                    fits.stream()
                            .map(fit -> Optional.ofNullable(fit.peakMemory()))
                            .toList());
            SearchResult result = ParetoSearch.run(
                    problem,
                    spec.budget(),
                    job.seed(),
                    round == 1
                            ? List.of()
                            : roundFronts.measuredOnFront(
                                    id, space, spec.budget().population() / 2),
                    step -> record(id, round, lost, step),
                    lost::get);
            List<FrontResponse.Point> points =
                    roundFronts.points(round, spec.devices(), fits, latency, settings, result.front());
            long version = metaModel;
            transaction.executeWithoutResult(status -> {
                SearchJob current = jobs.lockById(id).orElseThrow();
                if (!current.runBy(owner)) {
                    lost.set(true);
                    throw new CancellationException("search job " + id + " is no longer this replica's");
                }
                roundFronts.store(id, round, spec.devices(), latency, settings, result.front(), points);
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
                    spec.devices().size());
        } catch (RuntimeException e) {
            if (e instanceof CancellationException && lost.get()) {
                // ours: the job was cancelled or taken over; any other cancellation is a failure like the rest
                log.info("search job {} cancelled or taken over", id);
                return;
            }
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
            held.remove(id, lost);
        }
    }

    /**
     * Renews the lease of every job this replica is running, a few times per lease: a round's fits can outlast a
     * lease with no generation reported, and a job whose lease ran out while its replica was still busy ran twice. A
     * renewal that finds the job gone (cancelled, or taken over after this replica stalled) signals its search to stop
     * before the next generation; every write is fenced by the lease owner under the row lock all the same.
     */
    private void renewLeases() {
        for (var entry : held.entrySet()) {
            UUID id = entry.getKey();
            try {
                if (jobs.renewLease(id, owner, clock.instant().plus(properties.lease())) == 0) {
                    entry.getValue().set(true);
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

    private void record(UUID id, int round, AtomicBoolean lost, SearchProgress step) {
        transaction.executeWithoutResult(status -> {
            SearchJob job = jobs.lockById(id).orElseThrow();
            if (!job.runBy(owner)) {
                lost.set(true); // the search stops before its next generation
                return;
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

    private static SearchJobRequest request(SearchJob job) {
        return JSON.treeToValue(job.request(), SearchJobRequest.class);
    }
}

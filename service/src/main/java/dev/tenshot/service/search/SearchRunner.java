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
import dev.tenshot.service.device.DeviceService;
import dev.tenshot.service.predictor.DevicePredictors;
import dev.tenshot.service.quality.QualityModels;
import dev.tenshot.service.task.TaskQueue;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs search jobs, one at a time per replica: leases the oldest job nobody runs ({@code SKIP LOCKED}, so two
 * replicas never take the same one), runs it, records progress every generation (which also renews the lease) and
 * stores the front. A job whose replica died is taken again once its lease expires and rerun from its seed.
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
    private final SearchProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SearchRunner(
            SearchJobRepository jobs,
            FrontPointRepository fronts,
            ProgressPointRepository progress,
            DevicePredictors predictors,
            TaskQueue tasks,
            QualityModels qualityModels,
            DeviceService devices,
            SearchProperties properties,
            TransactionTemplate transaction,
            Clock clock) {
        this.jobs = jobs;
        this.fronts = fronts;
        this.progress = progress;
        this.predictors = predictors;
        this.tasks = tasks;
        this.qualityModels = qualityModels;
        this.devices = devices;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tenshot.search.poll:500ms}")
    void runNext() {
        Optional<SearchJob> claimed = Optional.ofNullable(transaction.execute(status -> {
            Instant now = clock.instant();
            return jobs.lockNext(now)
                    .map(UUID::fromString)
                    .flatMap(jobs::findById)
                    .map(job -> {
                        fronts.deleteByJob(job.id());
                        progress.deleteByJob(job.id());
                        job.start(owner, now, now.plus(properties.lease()));
                        return job;
                    })
                    .orElse(null);
        }));
        claimed.ifPresent(this::run);
    }

    private void run(SearchJob job) {
        UUID id = job.id();
        long metaModel = -1;
        try {
            SearchJobRequest request = JSON.treeToValue(job.request(), SearchJobRequest.class);
            var fits = request.devices().stream().map(predictors::fitFor).toList();
            metaModel = fits.getFirst().metaModelVersion();
            var space = (MmditPruningSpace) fits.getFirst().space();
            LatencyEstimator latency = configs -> worstCase(fits, features(space, configs));
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
                    step -> record(id, step));
            double[][] frontFeatures = features(space, configsOf(result));
            var points = new ArrayList<FrontPoint>();
            for (int d = 0; d < fits.size(); d++) {
                Predictions onDevice = fits.get(d).predictor().predict(frontFeatures);
                List<FrontResponse.Point> perDevice =
                        points(space, request.devices().get(d), onDevice, result.front());
                for (FrontResponse.Point point : perDevice) {
                    points.add(
                            new FrontPoint(id, point.point(), request.devices().get(d), point));
                }
            }
            long version = metaModel;
            transaction.executeWithoutResult(status -> {
                fronts.saveAll(points);
                var verification = new ArrayList<Long>();
                for (UUID device : request.devices()) {
                    verification.addAll(verify(device, request, result.front()));
                }
                jobs.findById(id).orElseThrow().verify(verification, version, clock.instant());
            });
            log.info(
                    "search job {} done: {} front points on {} device(s)",
                    id,
                    result.front().size(),
                    request.devices().size());
        } catch (Cancelled e) {
            log.info("search job {} cancelled", id);
        } catch (RuntimeException e) {
            log.error("search job {} failed", id, e);
            long version = metaModel;
            transaction.executeWithoutResult(status -> jobs.findById(id)
                    .orElseThrow()
                    .finish(SearchJobState.FAILED, e.getMessage(), version, clock.instant()));
        }
    }

    private void record(UUID id, SearchProgress step) {
        transaction.executeWithoutResult(status -> {
            SearchJob job = jobs.findById(id).orElseThrow();
            if (job.state() == SearchJobState.CANCELLED) {
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
                    id, (int) step.generation(), step.evaluations(), step.frontSize(), step.hypervolume(), now));
        });
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

    /** Queues the top-k configs, spread evenly along the front, for measurement on the device. */
    private List<Long> verify(UUID deviceId, SearchJobRequest request, List<Candidate> front) {
        int k = request.verifyTopK() == null ? 0 : Math.min(request.verifyTopK(), front.size());
        if (k == 0) {
            return List.of();
        }
        var configs = new ArrayList<JsonNode>(k);
        for (int i = 0; i < k; i++) {
            configs.add(front.get(k == 1 ? 0 : i * (front.size() - 1) / (k - 1))
                    .config()
                    .toJson());
        }
        return tasks.enqueue(deviceId, null, configs);
    }

    /** The worst predicted latency over the target devices: a config must be fast on every one. */
    private static double[] worstCase(List<DevicePredictors.Fit> fits, double[][] features) {
        double[] worst = fits.getFirst().predictor().predictLatencies(features);
        for (int d = 1; d < fits.size(); d++) {
            double[] other = fits.get(d).predictor().predictLatencies(features);
            for (int i = 0; i < worst.length; i++) {
                worst[i] = Math.max(worst[i], other[i]);
            }
        }
        return worst;
    }

    private static List<FrontResponse.Point> points(
            MmditPruningSpace space, UUID deviceId, Predictions predictions, List<Candidate> front) {
        var points = new ArrayList<FrontResponse.Point>(front.size());
        for (int i = 0; i < front.size(); i++) {
            Candidate candidate = front.get(i);
            points.add(new FrontResponse.Point(
                    i,
                    deviceId,
                    candidate.config().toJson(),
                    candidate.config().contentHash(),
                    candidate.config().keptBlocks(),
                    predictions.latencyMs()[i],
                    predictions.lowerMs()[i],
                    predictions.upperMs()[i],
                    candidate.quality(),
                    space.costs().denoiserParameters(candidate.config()),
                    candidate.feasible(),
                    candidate.violation(),
                    null));
        }
        return points;
    }

    private static List<MmditConfig> configsOf(SearchResult result) {
        return result.front().stream().map(Candidate::config).toList();
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

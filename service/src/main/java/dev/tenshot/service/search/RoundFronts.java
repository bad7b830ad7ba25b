package dev.tenshot.service.search;

import dev.tenshot.predictor.Predictions;
import dev.tenshot.search.Candidate;
import dev.tenshot.service.measurement.MeasuredConfig;
import dev.tenshot.service.measurement.MeasurementQueries;
import dev.tenshot.service.predictor.DevicePredictors;
import dev.tenshot.service.task.TaskQueue;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A round's front and measurements: the worst-case latency over the job's devices it searches with, the measured
 * configs it starts from, the front it stores (each point on each device: prediction, interval, bound,
 * measurement) with the verification tasks it queues, and the measurements put beside the front once they are in.
 * Runs inside the runner's transactions; holds no state of its own.
 */
@Component
class RoundFronts {

    private final FrontPointRepository fronts;
    private final VerificationRepository verifications;
    private final MeasurementQueries measurements;
    private final TaskQueue tasks;
    private final SearchMetrics metrics;
    private final MmditPruningSpace space;

    RoundFronts(
            FrontPointRepository fronts,
            VerificationRepository verifications,
            MeasurementQueries measurements,
            TaskQueue tasks,
            SearchMetrics metrics,
            MmditPruningSpace space) {
        this.fronts = fronts;
        this.verifications = verifications;
        this.measurements = measurements;
        this.tasks = tasks;
        this.metrics = metrics;
        this.space = space;
    }

    /** How the job's current round's verifications went. */
    RoundOutcome judge(SearchJob job, SearchJobRequest.RoundSettings settings) {
        return RoundOutcome.judge(
                verifications.findByJobIdAndRoundOrderByTaskId(job.id(), job.round()).stream()
                        .map(Verification::toOutcomePoint)
                        .toList(),
                settings.verifyTolerance(),
                settings.latencyBudgetMs());
    }

    /**
     * Stores the round's front (replacing the last round's) and, when the job verifies, queues each device's pick of
     * it for measurement.
     *
     * @param points the front's {@link #points}
     */
    void store(
            UUID jobId,
            int round,
            List<UUID> deviceIds,
            RoundLatency latency,
            SearchJobRequest.RoundSettings settings,
            List<Candidate> front,
            List<FrontResponse.Point> points) {
        fronts.deleteByJob(jobId);
        fronts.saveAll(points.stream().map(p -> new FrontPoint(jobId, p)).toList());
        if (settings.verifies()) {
            queueVerifications(jobId, round, deviceIds, latency, settings, front, points);
        }
    }

    /**
     * Puts each device's median measurement (latency, and peak memory where reported) beside the job's stored front,
     * and marks infeasible the points measured over a budget on some device: over the latency budget, or over the
     * peak memory budget.
     *
     * @param peakBudgetBytes the job's peak memory budget; null for none
     */
    MeasuredFront recordMeasurements(SearchJob job, double budgetMs, @Nullable Double peakBudgetBytes) {
        Map<UUID, List<FrontPoint>> byDevice = new HashMap<>();
        Map<Integer, List<FrontPoint>> byPoint = new TreeMap<>();
        for (FrontPoint point : fronts.findByJobIdOrderByPointAscDeviceIdAsc(job.id())) {
            byDevice.computeIfAbsent(point.deviceId(), d -> new ArrayList<>()).add(point);
            byPoint.computeIfAbsent(point.point(), p -> new ArrayList<>()).add(point);
        }
        Map<UUID, Map<String, Double>> latencies = new HashMap<>();
        Map<UUID, Map<String, Double>> peaks = new HashMap<>();
        byDevice.forEach((device, points) -> {
            List<MeasuredConfig> measured = measurements.of(device, space.name());
            latencies.put(device, RoundLatency.medians(measured, MeasuredConfig::endToEndMs));
            peaks.put(device, RoundLatency.medians(measured, MeasuredConfig::peakMemoryBytes));
        });
        boolean hasBudget = Double.isFinite(budgetMs) || peakBudgetBytes != null;
        boolean met = !hasBudget;
        int overPeakBudget = 0;
        for (List<FrontPoint> rows : byPoint.values()) {
            double worst = 0;
            double worstPeak = 0;
            boolean measuredEverywhere = true;
            boolean peakMeasuredEverywhere = true;
            for (FrontPoint row : rows) {
                Double measured =
                        latencies.getOrDefault(row.deviceId(), Map.of()).get(row.configHash());
                Double peak = peaks.getOrDefault(row.deviceId(), Map.of()).get(row.configHash());
                if (measured == null) {
                    measuredEverywhere = false;
                } else {
                    row.measured(measured);
                    worst = Math.max(worst, measured);
                }
                if (peak == null) {
                    peakMeasuredEverywhere = false;
                } else {
                    row.measuredPeak(Math.round(peak));
                    worstPeak = Math.max(worstPeak, peak);
                }
            }
            double latencyExcess = worst > budgetMs ? (worst - budgetMs) / budgetMs : 0;
            double peakExcess = peakBudgetBytes != null && worstPeak > peakBudgetBytes
                    ? (worstPeak - peakBudgetBytes) / peakBudgetBytes
                    : 0;
            if (peakExcess > 0 && rows.getFirst().feasible()) {
                overPeakBudget++;
            }
            if (latencyExcess > 0 || peakExcess > 0) {
                double excess = Math.max(latencyExcess, peakExcess);
                rows.forEach(row -> row.breaksBudget(excess));
            } else if (measuredEverywhere
                    && (peakBudgetBytes == null || peakMeasuredEverywhere)
                    && rows.getFirst().feasible()) {
                met = true;
            }
        }
        return new MeasuredFront(met, overPeakBudget);
    }

    /**
     * What the measurements showed of a stored front.
     *
     * @param budgetMet some point is reported feasible and measured within the budgets on every device (its peak
     *     measured too when there is a peak memory budget); true without any budget
     * @param overPeakBudget points reported feasible whose measured peak memory exceeds the peak memory budget
     */
    record MeasuredFront(boolean budgetMet, int overPeakBudget) {}

    RoundLatency latency(
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
    List<MmditConfig> measuredOnFront(UUID jobId, MmditPruningSpace space, int limit) {
        return fronts.findByJobIdOrderByPointAscDeviceIdAsc(jobId).stream()
                .filter(point -> point.measuredLatencyMs() != null)
                .map(point -> RoundLatency.parse(space, point.config()))
                .distinct()
                .limit(limit)
                .toList();
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

    /**
     * The front on each device (device by device, in front order): prediction, interval, bound, measurement. Outside
     * any transaction: it scores the front on every device's predictor.
     */
    List<FrontResponse.Point> points(
            int round,
            List<UUID> deviceIds,
            List<DevicePredictors.Fit> fits,
            RoundLatency latency,
            SearchJobRequest.RoundSettings settings,
            List<Candidate> front) {
        List<MmditConfig> configs = front.stream().map(Candidate::config).toList();
        double[][] features = features(space, configs);
        var points = new ArrayList<FrontResponse.Point>(deviceIds.size() * front.size());
        for (int d = 0; d < deviceIds.size(); d++) {
            DevicePredictors.Fit fit = fits.get(d);
            Predictions predicted = fit.predictor().predict(features);
            double[] bound = latency.constraintMsOn(d, configs);
            Double fixedMs =
                    fit.fixedStages() == null ? null : fit.fixedStages().totalMs();
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
                        FrontPoint.meetsBudget(measured, settings.latencyBudgetMs()),
                        FrontPoint.denoiserMs(predicted.latencyMs()[i], fixedMs),
                        fixedMs,
                        peakMemoryBytes(fit, candidate.config()),
                        null));
            }
        }
        return points;
    }

    private static @Nullable Long peakMemoryBytes(DevicePredictors.Fit fit, MmditConfig config) {
        var memory = fit.peakMemoryOf(config);
        return memory == null ? null : Math.round(memory.boundBytes());
    }

    private static double[][] features(MmditPruningSpace space, List<MmditConfig> configs) {
        double[][] features = new double[configs.size()][];
        for (int i = 0; i < features.length; i++) {
            features[i] = space.features(configs.get(i));
        }
        return features;
    }
}

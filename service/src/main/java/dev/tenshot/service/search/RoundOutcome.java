package dev.tenshot.service.search;

import dev.tenshot.predictor.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one verification round showed: how many of its queued configs were measured, how far the measurements were
 * from the round's predictions ({@code |measured / predicted - 1|}), and how many configs the round reported
 * feasible broke the latency budget when measured.
 *
 * @param queued verification tasks of the round
 * @param verified those that were measured (the others were given up)
 * @param disagreeing verified points further than the tolerance from their prediction
 * @param brokeBudget verified points reported feasible whose measurement exceeds the latency budget, or whose measured
 *     peak memory exceeds the peak memory budget
 * @param medianError median {@code |measured / predicted - 1|} over the verified points (NaN for none)
 */
record RoundOutcome(int queued, int verified, int disagreeing, int brokeBudget, double medianError) {

    /**
     * One verification of the round.
     *
     * @param predictedMs the round's point prediction on the device
     * @param measuredMs the measurement, or null if the task was given up
     * @param reportedFeasible whether the round's search reported the config as meeting every constraint
     */
    record Point(double predictedMs, @Nullable Double measuredMs, boolean reportedFeasible) {}

    /**
     * @param tolerance largest {@code |measured / predicted - 1|} that counts as agreeing
     * @param budgetMs the latency budget ({@code +Infinity} for none)
     */
    static RoundOutcome judge(List<Point> points, double tolerance, double budgetMs) {
        var errors = new ArrayList<Double>();
        int disagreeing = 0;
        int broke = 0;
        for (Point p : points) {
            Double measured = p.measuredMs();
            if (measured == null) {
                continue;
            }
            double error = relativeError(p.predictedMs(), measured);
            errors.add(error);
            if (error > tolerance) {
                disagreeing++;
            }
            if (p.reportedFeasible() && measured > budgetMs) {
                broke++;
            }
        }
        double median = errors.isEmpty()
                ? Double.NaN
                : Metrics.quantile(
                        errors.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
        return new RoundOutcome(points.size(), errors.size(), disagreeing, broke, median);
    }

    /** This outcome with more points reported feasible and measured over the peak memory budget. */
    RoundOutcome withPeakMemoryBreaks(int overPeakBudget) {
        return new RoundOutcome(queued, verified, disagreeing, brokeBudget + overPeakBudget, medianError);
    }

    static double relativeError(double predictedMs, double measuredMs) {
        return Math.abs(measuredMs / predictedMs - 1);
    }

    /**
     * Converged: the round's verified points agree with their predictions and none reported feasible broke the
     * budget. A round with nothing to verify (every config of the top of the front measured already) has converged;
     * a round whose every task was given up has not.
     */
    boolean converged() {
        return queued == 0 || (verified > 0 && disagreeing == 0 && brokeBudget == 0);
    }

    /**
     * The job's verdict after this round, or empty when another round should run.
     *
     * @param round this round, from 1
     * @param budgetMetByVerifiedConfig whether some config of the round's front is reported feasible and measured
     *     within the budget on every device (true when there is no budget)
     */
    Optional<Verdict> verdict(int round, int maxRounds, boolean budgetMetByVerifiedConfig) {
        if (!converged() && round < maxRounds) {
            return Optional.empty();
        }
        if (!budgetMetByVerifiedConfig) {
            return Optional.of(Verdict.BUDGET_UNMET);
        }
        return Optional.of(converged() ? Verdict.CONVERGED : Verdict.ROUND_LIMIT);
    }
}

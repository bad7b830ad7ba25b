package dev.tenshot.service.quality;

import dev.tenshot.search.QualityModel;
import dev.tenshot.service.api.FieldProblem;
import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The search's quality proxy. Without evaluations it is the illustrative block-importance model shipped with the
 * space. With evaluations of a metric, each config's quality is its value relative to the unpruned model's value on
 * the same metric (inverted for lower-is-better metrics such as FVD), and the illustrative model's losses are
 * scaled by the one factor that fits those qualities best (least squares). One factor, not one per block: a
 * handful of evaluations can anchor the proxy's scale, not its shape.
 */
@Service
public class QualityModels {

    private static final Set<String> LOWER_IS_BETTER = Set.of("fvd");

    private final QualityEvaluationRepository evaluations;
    private final MmditPruningSpace space;
    private final Clock clock;

    QualityModels(QualityEvaluationRepository evaluations, MmditPruningSpace space, Clock clock) {
        this.evaluations = evaluations;
        this.space = space;
        this.clock = clock;
    }

    /** Stores evaluations of configs of the space, all or none: an {@code invalid-quality-evaluations} problem. */
    @Transactional
    List<QualityEvaluation.Response> store(List<QualityController.Evaluation> batch) {
        var problems = new ArrayList<FieldProblem>();
        var stored = new ArrayList<QualityEvaluation>();
        for (int i = 0; i < batch.size(); i++) {
            QualityController.Evaluation e = batch.get(i);
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

    @Transactional(readOnly = true)
    List<QualityEvaluation.Response> evaluations(String metric) {
        return evaluations.findBySpaceAndMetricOrderById(space.name(), metric).stream()
                .map(QualityEvaluation::toResponse)
                .toList();
    }

    /** The illustrative model, or (for a metric) that model refitted to the metric's evaluations. */
    @Transactional(readOnly = true)
    public QualityModel modelFor(@Nullable String metric) {
        QualityModel illustrative =
                QualityModel.illustrative(space.depth(), space.base().pyramid());
        if (metric == null) {
            return illustrative;
        }
        List<QualityEvaluation> measured = evaluations.findBySpaceAndMetricOrderById(space.name(), metric);
        String fullHash = MmditConfig.full(space.base()).contentHash();
        double full = measured.stream()
                .filter(e -> e.configHash().equals(fullHash))
                .mapToDouble(QualityEvaluation::value)
                .average()
                .orElseThrow(() -> cannotFit(
                        metric, "no evaluation of the unpruned model to measure the others against; post one first"));
        var relative = new ArrayList<QualityModel.Evaluation>();
        for (QualityEvaluation e : measured) {
            if (!e.configHash().equals(fullHash)) {
                MmditConfig config = space.cast(((ConfigCheck.Valid) space.check(e.config())).config());
                double quality = LOWER_IS_BETTER.contains(metric) ? full / e.value() : e.value() / full;
                relative.add(new QualityModel.Evaluation(config, quality));
            }
        }
        return illustrative.fittedTo(relative);
    }

    private static ProblemException cannotFit(String metric, String why) {
        return new ProblemException(
                ProblemType.QUALITY_METRIC_UNFIT,
                "metric " + metric + ": " + why,
                Map.of("metric", metric, "errors", List.of(new FieldProblem("qualityMetric", why))));
    }
}

package dev.tenshot.service.quality;

import dev.tenshot.search.QualityModel;
import dev.tenshot.service.api.FieldProblem;
import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
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

    QualityModels(QualityEvaluationRepository evaluations) {
        this.evaluations = evaluations;
    }

    /** The illustrative model, or (for a metric) that model refitted to the metric's evaluations. */
    @Transactional(readOnly = true)
    public QualityModel modelFor(@Nullable String metric) {
        var space = MmditPruningSpace.neodragon();
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
        List<double[]> lossAndDeficit = new ArrayList<>();
        for (QualityEvaluation e : measured) {
            if (e.configHash().equals(fullHash)) {
                continue;
            }
            MmditConfig config = space.cast(((ConfigCheck.Valid) space.check(e.config())).config());
            double quality = LOWER_IS_BETTER.contains(metric) ? full / e.value() : e.value() / full;
            lossAndDeficit.add(new double[] {1 - illustrative.quality(config), 1 - quality});
        }
        return scaled(illustrative, fitScale(lossAndDeficit));
    }

    /** Least-squares factor s in deficit = s x loss, never below zero; 1 without data. */
    static double fitScale(List<double[]> lossAndDeficit) {
        double numerator = 0;
        double denominator = 0;
        for (double[] pair : lossAndDeficit) {
            numerator += pair[0] * pair[1];
            denominator += pair[0] * pair[0];
        }
        return denominator == 0 ? 1 : Math.max(0, numerator / denominator);
    }

    private static QualityModel scaled(QualityModel model, double factor) {
        return new QualityModel(
                model.blockImportance().stream().map(v -> v * factor).toList(),
                model.widthPenalty(),
                model.stepCost().stream().map(v -> v * factor).toList(),
                model.defaultSteps());
    }

    private static ProblemException cannotFit(String metric, String why) {
        return new ProblemException(
                ProblemType.QUALITY_METRIC_UNFIT,
                "metric " + metric + ": " + why,
                Map.of("metric", metric, "errors", List.of(new FieldProblem("qualityMetric", why))));
    }
}

package dev.tenshot.service.quality;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface QualityEvaluationRepository extends JpaRepository<QualityEvaluation, Long> {

    List<QualityEvaluation> findBySpaceAndMetricOrderById(String space, String metric);
}

package dev.tenshot.service.predictor;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface MetaModelRepository extends JpaRepository<MetaModelRecord, Long> {

    Optional<MetaModelRecord> findFirstBySpaceOrderByIdDesc(String space);
}

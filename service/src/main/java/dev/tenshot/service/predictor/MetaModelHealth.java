package dev.tenshot.service.predictor;

import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SearchSpaces;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Each space's meta-model: {@code ready}, {@code training} (a first model, or a newer one while the stored one serves)
 * or {@code none}, with the version that serves and how many source devices it learned from. Always up: a space
 * without a model answers its predictions with a problem, and the rest of the service works.
 */
@Component("metaModel")
class MetaModelHealth implements HealthIndicator {

    private final MetaModels metaModels;
    private final SearchSpaces spaces;

    MetaModelHealth(MetaModels metaModels, SearchSpaces spaces) {
        this.metaModels = metaModels;
        this.spaces = spaces;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (SearchSpace space : spaces.all()) {
            var serving = metaModels.current(space.name());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put(
                    "state", metaModels.isTraining(space.name()) ? "training" : serving.isPresent() ? "ready" : "none");
            serving.ifPresent(model -> {
                detail.put("version", model.version());
                detail.put(
                        "sourceDevices",
                        model.model().provenance().sourceDevices().size());
            });
            health.withDetail(space.name(), detail);
        }
        return health.build();
    }
}

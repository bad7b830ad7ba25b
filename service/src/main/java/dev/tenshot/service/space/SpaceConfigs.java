package dev.tenshot.service.space;

import dev.tenshot.service.api.FieldProblem;
import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SpaceConfig;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Checking a request's list of configs against their space: all valid, or a 422 naming every problem. */
public final class SpaceConfigs {

    private SpaceConfigs() {}

    /**
     * @return the configs in canonical form, in request order
     * @throws ProblemException {@code invalid-config}, listing each problem as {@code configs[i]}
     */
    public static List<SpaceConfig> checkAll(SearchSpace space, List<JsonNode> configs) {
        var problems = new ArrayList<FieldProblem>();
        var valid = new ArrayList<SpaceConfig>(configs.size());
        for (int i = 0; i < configs.size(); i++) {
            switch (space.check(configs.get(i))) {
                case ConfigCheck.Valid ok -> valid.add(ok.config());
                case ConfigCheck.Invalid invalid -> {
                    for (String problem : invalid.problems()) {
                        problems.add(new FieldProblem("configs[" + i + "]", problem));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.listing(ProblemType.INVALID_CONFIG, "nothing was done", problems);
        }
        return valid;
    }
}

package dev.tenshot.service.space;

import dev.tenshot.service.api.FieldProblem;
import dev.tenshot.service.api.ProblemException;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SpaceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** Checking a request's list of configs against their space: all valid, or a 422 naming every problem. */
public final class SpaceConfigs {

    private SpaceConfigs() {}

    /**
     * @return the configs in canonical form, in request order
     * @throws InvalidConfigsException listing each problem as {@code configs[i]}
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
            throw new InvalidConfigsException(problems);
        }
        return valid;
    }

    /** Configs their space rejects; nothing of the request was acted on. */
    public static class InvalidConfigsException extends ProblemException {
        private static final long serialVersionUID = 1L;

        InvalidConfigsException(List<FieldProblem> problems) {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "invalid-config",
                    "Config rejected by its search space",
                    problems.size() + " problem(s); nothing was done",
                    Map.of(
                            "errors",
                            problems.subList(0, Math.min(100, problems.size())),
                            "errorCount",
                            problems.size()));
        }
    }
}

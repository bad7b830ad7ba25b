package dev.tenshot.service.search;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a job with verification rounds ended. */
enum Verdict {
    /** The last round's measurements agreed with its predictions, and no config reported feasible broke the budget. */
    @JsonProperty("converged")
    CONVERGED,
    /** The job ran its {@code maxRounds} rounds without converging. */
    @JsonProperty("round-limit")
    ROUND_LIMIT,
    /** No config of the final front is reported feasible and measured within the budget on every device. */
    @JsonProperty("budget-unmet")
    BUDGET_UNMET
}

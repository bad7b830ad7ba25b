package dev.tenshot.service.search;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job's verifications, round by round: each config of a round's front that was queued for measurement on a
 * device, with the prediction it checked.
 *
 * @param latencyBudgetMs the job's latency budget (null: none)
 * @param verifyTolerance largest {@code |measured / predicted - 1|} a round's points may show to converge
 */
record VerificationResponse(
        UUID jobId, @Nullable Double latencyBudgetMs, double verifyTolerance, List<Item> verifications) {

    VerificationResponse {
        verifications = List.copyOf(verifications);
    }

    /**
     * @param latencyMs the round's predicted latency on the device; {@code latencyLowerMs}..{@code latencyUpperMs} its
     *     80% interval
     * @param latencyBoundMs the one-sided upper bound the budget was checked against
     * @param feasible whether the round reported the config as meeting every constraint
     * @param state {@code open}, {@code measured} or {@code given-up}
     * @param relativeError {@code |measured / predicted - 1|} once measured
     * @param meetsBudget whether the measurement is within the budget (null until measured)
     */
    @Schema(name = "Verification")
    record Item(
            int round,
            UUID deviceId,
            long taskId,
            String configHash,
            double latencyMs,
            @Nullable Double latencyLowerMs,
            @Nullable Double latencyUpperMs,
            double latencyBoundMs,
            boolean feasible,
            String state,
            @Nullable Double measuredLatencyMs,
            @Nullable Double relativeError,
            @Nullable Boolean meetsBudget) {}
}

package dev.tenshot.agent;

import dev.tenshot.agent.api.ApiMessages;
import dev.tenshot.agent.contention.Contention;
import dev.tenshot.agent.runner.RunOutcome;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The measurement JSON the service takes with a task result ({@code /api/v1} contract). */
final class MeasurementPayload {

    static final String AGENT_VERSION = "tenshot-agent 0.1.0";

    private MeasurementPayload() {}

    static JsonNode of(ApiMessages.LeasedTask task, RunOutcome.Measured measured, Instant measuredAt) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode body = nodes.objectNode();
        body.put("clientId", "task-" + task.taskId());
        body.put("space", task.space());
        body.set("config", task.config());
        ObjectNode latency = body.putObject("latency");
        var timings = measured.latency();
        latency.put("endToEndMs", timings.endToEndMs());
        if (timings.textEncoderMs() != null) {
            latency.put("textEncoderMs", timings.textEncoderMs());
        }
        if (timings.denoiserCallsMs() != null) {
            var calls = latency.putArray("denoiserCallsMs");
            timings.denoiserCallsMs().forEach(calls::add);
        }
        if (timings.vaeDecoderMs() != null) {
            latency.put("vaeDecoderMs", timings.vaeDecoderMs());
        }
        if (timings.superResolutionMs() != null) {
            latency.put("superResolutionMs", timings.superResolutionMs());
        }
        if (measured.peakMemoryBytes() != null) {
            body.put("peakMemoryBytes", measured.peakMemoryBytes());
        }
        body.put("warmupCount", measured.warmupCount());
        body.put("repeatCount", measured.repeatCount());
        body.put("statistic", measured.statistic().label());
        if (measured.dispersionMs() != null) {
            body.put("dispersionMs", measured.dispersionMs());
        }
        body.put("runtimeVersion", measured.runtimeVersion());
        body.put("agentVersion", AGENT_VERSION);
        if (measured.threads() != null) {
            body.put("threads", measured.threads());
        }
        body.put("precision", measured.precision());
        body.put("measuredAt", measuredAt.toString());
        body.set("runnerSettings", measured.runnerSettings());
        Contention contention = measured.contention();
        if (contention != null) {
            // unknown values go as null, which the service reads as not known
            body.putObject("contention")
                    .put("checked", contention.checked())
                    .put("contended", contention.contended())
                    .put("otherCpuShare", contention.otherCpuShare())
                    .put("attempts", contention.attempts())
                    .put("driftRatio", contention.driftRatio())
                    .put("relativeIqr", contention.relativeIqr())
                    .put("maxMinRatio", contention.maxMinRatio());
        }
        return body;
    }
}

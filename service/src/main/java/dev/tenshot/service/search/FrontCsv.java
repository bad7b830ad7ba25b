package dev.tenshot.service.search;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A front as CSV (RFC 4180): one row per point and device, in {@link #HEADER}'s order; empty cells for unknowns. */
final class FrontCsv {

    static final String HEADER = "point,device_id,round,config_hash,kept_blocks,latency_ms,latency_lower_ms,"
            + "latency_upper_ms,latency_bound_ms,quality,parameters,feasible,violation,measured_latency_ms,meets_budget,"
            + "denoiser_ms,fixed_stages_ms,peak_memory_bytes,measured_peak_memory_bytes,config";

    private FrontCsv() {}

    static String render(FrontResponse front) {
        var csv = new StringBuilder(HEADER).append('\n');
        for (FrontResponse.Point p : front.points()) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%d,%s,%d,%s,%d,%.4f,%s,%s,%s,%.6f,%d,%s,%.6f,%s,%s,%s,%s,%s,%s,\"%s\"\n",
                    p.point(),
                    p.deviceId(),
                    p.round(),
                    p.configHash(),
                    p.keptBlocks(),
                    p.latencyMs(),
                    number(p.latencyLowerMs()),
                    number(p.latencyUpperMs()),
                    number(p.latencyBoundMs()),
                    p.quality(),
                    p.parameters(),
                    p.feasible(),
                    p.violation(),
                    number(p.measuredLatencyMs()),
                    p.meetsBudget() == null ? "" : p.meetsBudget(),
                    number(p.denoiserMs()),
                    number(p.fixedStagesMs()),
                    integer(p.peakMemoryBytes()),
                    integer(p.measuredPeakMemoryBytes()),
                    p.config().toString().replace("\"", "\"\"")));
        }
        return csv.toString();
    }

    private static String integer(@Nullable Long value) {
        return value == null ? "" : value.toString();
    }

    private static String number(@Nullable Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
    }
}

package dev.tenshot.service.search;

import dev.tenshot.predictor.PeakMemoryModel;
import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The problems of search jobs: one that does not exist, is not done yet, is done already, or cannot run. */
final class SearchProblems {

    private SearchProblems() {}

    static ProblemException jobNotFound(UUID id) {
        return new ProblemException(ProblemType.SEARCH_JOB_NOT_FOUND, "no search job " + id, Map.of("jobId", id));
    }

    static ProblemException frontNotReady(UUID id, SearchJobState state) {
        return inState(ProblemType.FRONT_NOT_READY, id, state, "its front exists once it is done");
    }

    static ProblemException jobFinished(UUID id, SearchJobState state) {
        return inState(ProblemType.JOB_FINISHED, id, state, "there is nothing left to cancel");
    }

    static ProblemException peakMemoryUnmeasured(UUID deviceId, String deviceName) {
        return new ProblemException(
                ProblemType.PEAK_MEMORY_UNMEASURED,
                "device " + deviceName + " has not reported peak memory on " + PeakMemoryModel.MINIMUM_SAMPLES
                        + " quiet measurements of at least two denoiser sizes; a peak memory budget needs them"
                        + " (the onnx runner reports peakMemoryBytes, a command runner when its tool prints it)",
                Map.of("deviceId", deviceId));
    }

    private static ProblemException inState(ProblemType type, UUID id, SearchJobState state, String consequence) {
        String name = state.name().toLowerCase(Locale.ROOT);
        return new ProblemException(
                type, "search job " + id + " is " + name + "; " + consequence, Map.of("jobId", id, "state", name));
    }
}

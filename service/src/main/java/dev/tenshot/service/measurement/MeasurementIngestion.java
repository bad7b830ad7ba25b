package dev.tenshot.service.measurement;

import dev.tenshot.service.access.Caller;
import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import dev.tenshot.service.device.DeviceMeters;
import dev.tenshot.service.device.DeviceService;
import dev.tenshot.space.ConfigCheck;
import dev.tenshot.space.SearchSpace;
import dev.tenshot.space.SearchSpaces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a batch whole, then stores what is new in one transaction. A measurement is identified by (device,
 * client id): an agent that lost the answer to a post may post again, and nothing is stored twice.
 */
@Service
public class MeasurementIngestion {

    static final int MAX_BATCH_SIZE = 10_000;
    static final String TASK_CLIENT_ID_PREFIX = "task-";
    private static final Logger log = LoggerFactory.getLogger(MeasurementIngestion.class);

    private final DeviceService devices;
    private final SearchSpaces spaces;
    private final Validator validator;
    private final MeasurementRepository measurements;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter duplicateCounter;

    MeasurementIngestion(
            DeviceService devices,
            SearchSpaces spaces,
            Validator validator,
            MeasurementRepository measurements,
            TransactionTemplate transaction,
            Clock clock,
            MeterRegistry meters) {
        this.devices = devices;
        this.spaces = spaces;
        this.validator = validator;
        this.measurements = measurements;
        this.transaction = transaction;
        this.clock = clock;
        this.meters = meters;
        this.duplicateCounter = Counter.builder("tenshot.measurements.duplicates")
                .description("Measurements posted again and not stored twice")
                .register(meters);
    }

    IngestResult ingest(UUID deviceId, Caller caller, MeasurementBatch batch) {
        caller.requireWriteAccessTo(deviceId);
        boolean simulated = devices.find(deviceId).simulated();
        List<Measurement> checked = check(deviceId, simulated, batch.items(), false);
        IngestResult result;
        try {
            result = store(deviceId, checked);
        } catch (DataIntegrityViolationException e) {
            // A concurrent post of the same client ids won the race; this attempt sees them as stored.
            log.debug("retrying a batch for device {} after a concurrent insert", deviceId);
            result = store(deviceId, checked);
        }
        stored(deviceId).increment(result.stored());
        duplicateCounter.increment(result.alreadyStored().size());
        return result;
    }

    /**
     * Stores the result of a measurement task, inside the caller's transaction, under the client id {@code
     * task-<taskId>}: a task can never yield two measurements. Throws an {@code invalid-measurements} problem (422)
     * for a bad measurement.
     *
     * @return the stored measurement's id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long recordTaskResult(UUID deviceId, long taskId, MeasurementRequest result) {
        boolean simulated = devices.find(deviceId).simulated();
        var withTaskId = result.withClientId(TASK_CLIENT_ID_PREFIX + taskId);
        Measurement measurement =
                check(deviceId, simulated, List.of(withTaskId), true).getFirst();
        long id = measurements.saveAndFlush(measurement).id();
        devices.recordMeasurements(deviceId, 1);
        stored(deviceId).increment();
        return id;
    }

    /** Per device, so that dashboards show each device's measurement rate (the tag is bounded by the fleet). */
    private Counter stored(UUID deviceId) {
        return Counter.builder("tenshot.measurements.stored")
                .description("Measurements stored")
                .tag(DeviceMeters.TAG, deviceId.toString())
                .register(meters);
    }

    private IngestResult store(UUID deviceId, List<Measurement> batch) {
        return Optional.ofNullable(transaction.execute(status -> {
                    var clientIds = batch.stream().map(Measurement::clientId).toList();
                    var stored =
                            new HashSet<>(measurements.findStoredClientIds(deviceId, clientIds.toArray(String[]::new)));
                    var fresh = batch.stream()
                            .filter(m -> !stored.contains(m.clientId()))
                            .toList();
                    measurements.saveAll(fresh);
                    measurements.flush();
                    devices.recordMeasurements(deviceId, fresh.size());
                    List<String> alreadyStored =
                            clientIds.stream().filter(stored::contains).toList();
                    return new IngestResult(fresh.size(), alreadyStored);
                }))
                .orElseThrow();
    }

    /** Checks every item and throws with every problem found, of every kind; stores nothing. */
    private List<Measurement> check(
            UUID deviceId, boolean simulated, List<MeasurementRequest> items, boolean fromTask) {
        if (items.size() > MAX_BATCH_SIZE) {
            throw new ProblemException(
                    ProblemType.BATCH_TOO_LARGE,
                    "a batch holds at most " + MAX_BATCH_SIZE + " measurements: got " + items.size() + "; split it",
                    Map.of("size", items.size(), "maxSize", MAX_BATCH_SIZE));
        }
        if (items.isEmpty()) {
            throw BatchProblem.refusal(List.of(new BatchProblem(
                    BatchProblem.Kind.INVALID_VALUE, "measurements", "must hold at least one measurement")));
        }
        Instant receivedAt = clock.instant();
        List<BatchProblem> problems = new ArrayList<>();
        List<Measurement> checked = new ArrayList<>(items.size());
        var firstIndexOfClientId = new HashMap<String, Integer>();
        for (int i = 0; i < items.size(); i++) {
            String prefix = "measurements[" + i + "]";
            MeasurementRequest item = items.get(i);
            if (item == null) {
                problems.add(new BatchProblem(BatchProblem.Kind.INVALID_VALUE, prefix, "must not be null"));
                continue;
            }
            var violations = validator.validate(item);
            violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> toProblem(prefix, v))
                    .forEach(problems::add);
            if (!fromTask && item.clientId() != null && item.clientId().startsWith(TASK_CLIENT_ID_PREFIX)) {
                problems.add(new BatchProblem(
                        BatchProblem.Kind.INVALID_VALUE,
                        prefix + ".clientId",
                        "client ids starting with '" + TASK_CLIENT_ID_PREFIX + "' are kept for task results: got "
                                + item.clientId()));
            }
            if (item.runnerSettings() != null && !item.runnerSettings().isObject()) {
                problems.add(new BatchProblem(
                        BatchProblem.Kind.INVALID_VALUE, prefix + ".runnerSettings", "must be a JSON object"));
            }
            contentionProblem(item.contention())
                    .ifPresent(detail -> problems.add(
                            new BatchProblem(BatchProblem.Kind.INVALID_VALUE, prefix + ".contention", detail)));
            Integer first = item.clientId() == null ? null : firstIndexOfClientId.putIfAbsent(item.clientId(), i);
            if (first != null) {
                problems.add(new BatchProblem(
                        BatchProblem.Kind.DUPLICATE_CLIENT_ID,
                        prefix + ".clientId",
                        "client id '" + item.clientId() + "' already used by measurements[" + first + "]"));
            }
            if (item.space() == null || item.config() == null) {
                continue;
            }
            Optional<SearchSpace> space = spaces.find(item.space());
            if (space.isEmpty()) {
                problems.add(new BatchProblem(
                        BatchProblem.Kind.UNKNOWN_SPACE,
                        prefix + ".space",
                        "unknown search space '" + item.space() + "'; known: " + spaceNames()));
                continue;
            }
            switch (space.get().check(item.config())) {
                case ConfigCheck.Valid valid -> {
                    if (violations.isEmpty()) {
                        checked.add(new Measurement(
                                deviceId,
                                simulated,
                                item,
                                valid.config().toJson(),
                                valid.config().contentHash(),
                                receivedAt));
                    }
                }
                case ConfigCheck.Invalid invalid -> {
                    for (String problem : invalid.problems()) {
                        problems.add(new BatchProblem(BatchProblem.Kind.INVALID_CONFIG, prefix + ".config", problem));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw BatchProblem.refusal(problems);
        }
        return checked;
    }

    /** What the field constraints cannot say: which values go together. */
    private static Optional<String> contentionProblem(MeasurementRequest.@Nullable Contention contention) {
        if (contention == null || contention.checked() == null) {
            return Optional.empty();
        }
        if (contention.checked() && (contention.contended() == null || contention.otherCpuShare() == null)) {
            return Optional.of("a checked measurement needs contended and otherCpuShare: got " + contention);
        }
        if (!contention.checked() && contention.otherCpuShare() != null) {
            return Optional.of("otherCpuShare is only known when checked: got " + contention);
        }
        if (!contention.checked() && Boolean.FALSE.equals(contention.contended())) {
            return Optional.of("an unchecked measurement cannot be called quiet (contended false): got " + contention);
        }
        return Optional.empty();
    }

    private String spaceNames() {
        return String.join(", ", spaces.all().stream().map(SearchSpace::name).toList());
    }

    private static BatchProblem toProblem(String prefix, ConstraintViolation<MeasurementRequest> violation) {
        return new BatchProblem(
                BatchProblem.Kind.INVALID_VALUE,
                prefix + "." + violation.getPropertyPath(),
                violation.getMessage() + ": got " + violation.getInvalidValue());
    }
}

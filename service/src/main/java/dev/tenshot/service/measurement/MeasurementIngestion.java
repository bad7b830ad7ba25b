package dev.tenshot.service.measurement;

import dev.tenshot.service.access.Caller;
import dev.tenshot.service.api.FieldProblem;
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
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a batch whole, then stores what is new in one transaction. A measurement is identified by (device,
 * client id): an agent that lost the answer to a post may post again, and nothing is stored twice.
 */
@Service
class MeasurementIngestion {

    static final int MAX_BATCH_SIZE = 10_000;
    private static final Logger log = LoggerFactory.getLogger(MeasurementIngestion.class);

    private final DeviceService devices;
    private final SearchSpaces spaces;
    private final Validator validator;
    private final MeasurementRepository measurements;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Counter storedCounter;
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
        this.storedCounter = Counter.builder("tenshot.measurements.stored")
                .description("Measurements stored")
                .register(meters);
        this.duplicateCounter = Counter.builder("tenshot.measurements.duplicates")
                .description("Measurements posted again and not stored twice")
                .register(meters);
    }

    IngestResult ingest(UUID deviceId, Caller caller, MeasurementBatch batch) {
        caller.requireWriteAccessTo(deviceId);
        devices.requireExists(deviceId);
        List<Measurement> checked = check(deviceId, batch.items());
        IngestResult result;
        try {
            result = store(deviceId, checked);
        } catch (DataIntegrityViolationException e) {
            // A concurrent post of the same client ids won the race; this attempt sees them as stored.
            log.debug("retrying a batch for device {} after a concurrent insert", deviceId);
            result = store(deviceId, checked);
        }
        storedCounter.increment(result.stored());
        duplicateCounter.increment(result.alreadyStored().size());
        return result;
    }

    private IngestResult store(UUID deviceId, List<Measurement> batch) {
        return Optional.ofNullable(transaction.execute(status -> {
                    var clientIds = batch.stream().map(Measurement::clientId).toList();
                    var stored = new HashSet<>(measurements.findStoredClientIds(deviceId, clientIds));
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

    /** Checks every item and throws with every problem of the first kind found; stores nothing. */
    private List<Measurement> check(UUID deviceId, List<MeasurementRequest> items) {
        if (items.size() > MAX_BATCH_SIZE) {
            throw new BatchTooLargeException(items.size(), MAX_BATCH_SIZE);
        }
        if (items.isEmpty()) {
            throw InvalidMeasurementsException.invalidValues(
                    List.of(new FieldProblem("measurements", "must hold at least one measurement")));
        }
        List<FieldProblem> invalidValues = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String prefix = "measurements[" + i + "]";
            MeasurementRequest item = items.get(i);
            if (item == null) {
                invalidValues.add(new FieldProblem(prefix, "must not be null"));
                continue;
            }
            validator.validate(item).stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> toProblem(prefix, v))
                    .forEach(invalidValues::add);
        }
        if (!invalidValues.isEmpty()) {
            throw InvalidMeasurementsException.invalidValues(invalidValues);
        }
        requireUniqueClientIds(items);

        Instant receivedAt = clock.instant();
        List<FieldProblem> unknownSpaces = new ArrayList<>();
        List<FieldProblem> invalidConfigs = new ArrayList<>();
        List<Measurement> checked = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            MeasurementRequest item = items.get(i);
            Optional<SearchSpace> space = spaces.find(item.space());
            if (space.isEmpty()) {
                unknownSpaces.add(new FieldProblem(
                        "measurements[" + i + "].space",
                        "unknown search space '" + item.space() + "'; known: " + spaceNames()));
                continue;
            }
            switch (space.get().check(item.config())) {
                case ConfigCheck.Valid valid ->
                    checked.add(new Measurement(
                            deviceId,
                            item,
                            valid.config().toJson(),
                            valid.config().contentHash(),
                            receivedAt));
                case ConfigCheck.Invalid invalid -> {
                    for (String problem : invalid.problems()) {
                        invalidConfigs.add(new FieldProblem("measurements[" + i + "].config", problem));
                    }
                }
            }
        }
        if (!unknownSpaces.isEmpty()) {
            throw InvalidMeasurementsException.unknownSpaces(unknownSpaces);
        }
        if (!invalidConfigs.isEmpty()) {
            throw InvalidMeasurementsException.invalidConfigs(invalidConfigs);
        }
        return checked;
    }

    private static void requireUniqueClientIds(List<MeasurementRequest> items) {
        var firstIndex = new HashMap<String, Integer>();
        List<FieldProblem> repeated = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Integer first = firstIndex.putIfAbsent(items.get(i).clientId(), i);
            if (first != null) {
                repeated.add(new FieldProblem(
                        "measurements[" + i + "].clientId",
                        "client id '" + items.get(i).clientId() + "' already used by measurements[" + first + "]"));
            }
        }
        if (!repeated.isEmpty()) {
            throw InvalidMeasurementsException.duplicateClientIds(repeated);
        }
    }

    private String spaceNames() {
        return String.join(", ", spaces.all().stream().map(SearchSpace::name).toList());
    }

    private static FieldProblem toProblem(String prefix, ConstraintViolation<MeasurementRequest> violation) {
        return new FieldProblem(
                prefix + "." + violation.getPropertyPath(),
                violation.getMessage() + ": got " + violation.getInvalidValue());
    }
}

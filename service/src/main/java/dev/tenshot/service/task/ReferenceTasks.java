package dev.tenshot.service.task;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The reference set each device was onboarded with, as its reference tasks recorded it: a device keeps that set
 * when the space's current one changes, and its predictor is fitted from it.
 */
@Service
public class ReferenceTasks {

    private final MeasurementTaskRepository tasks;

    ReferenceTasks(MeasurementTaskRepository tasks) {
        this.tasks = tasks;
    }

    /** The device's reference configs in reference order (empty for a device never queued any). */
    @Transactional(readOnly = true)
    public List<JsonNode> configsOf(UUID deviceId) {
        return tasks.findByDeviceIdAndPurposeOrderByReferencePositionAsc(deviceId, TaskPurpose.REFERENCE).stream()
                .map(MeasurementTask::config)
                .toList();
    }
}

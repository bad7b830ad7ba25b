package dev.tenshot.service.task;

import dev.tenshot.service.api.ProblemException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

class TaskNotFoundException extends ProblemException {

    private static final long serialVersionUID = 1L;

    TaskNotFoundException(UUID deviceId, long taskId) {
        super(
                HttpStatus.NOT_FOUND,
                "task-not-found",
                "Task not found",
                "device " + deviceId + " has no task " + taskId,
                Map.of("deviceId", deviceId, "taskId", taskId));
    }
}

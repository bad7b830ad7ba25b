package dev.tenshot.service.task;

import java.util.UUID;

/** Published when a task has used up its attempts and will never be measured. */
public record TaskFailed(UUID deviceId, long taskId) {}

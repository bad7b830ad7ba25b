package dev.tenshot.service.task;

import java.util.UUID;

/** Published in the transaction that stores a task's measurement (e.g. a search's verification of a config). */
public record TaskCompleted(UUID deviceId, long taskId, String configHash, double endToEndMs) {}

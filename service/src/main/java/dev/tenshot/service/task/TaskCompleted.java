package dev.tenshot.service.task;

import java.util.UUID;

/**
 * Published in the transaction that stores a task's measurement (e.g. a search's verification of a config).
 *
 * @param contended the agent flagged the measurement as taken while other processes used the machine: stored, not
 *     trusted
 */
public record TaskCompleted(UUID deviceId, long taskId, String configHash, double endToEndMs, boolean contended) {}

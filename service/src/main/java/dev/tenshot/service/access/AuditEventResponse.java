package dev.tenshot.service.access;

import java.time.Instant;

/** @param targetId the id of what was changed: a device, search job, token, or a space's name */
record AuditEventResponse(Instant occurredAt, Caller.Actor actor, AuditAction action, String targetId) {}

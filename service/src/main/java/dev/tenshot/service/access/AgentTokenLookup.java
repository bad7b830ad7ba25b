package dev.tenshot.service.access;

import java.util.Optional;
import java.util.UUID;

/** Finds the device an agent token belongs to; implemented by the device feature. */
public interface AgentTokenLookup {

    Optional<UUID> deviceIdForTokenHash(String tokenHash);
}

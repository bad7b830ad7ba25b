package dev.tenshot.service.access;

import java.util.UUID;

/** Who is making a request, from its {@code Authorization: Bearer} token. */
public sealed interface Caller {

    /** Holds the admin token: may register devices and post for any device. */
    record Admin() implements Caller {}

    /** Holds the agent token of one device: may post for that device only. */
    record Agent(UUID deviceId) implements Caller {}

    /** Sent no token: may read. */
    record Anonymous() implements Caller {}

    /** Throws unless this caller may change {@code deviceId}'s data. */
    default void requireWriteAccessTo(UUID deviceId) {
        switch (this) {
            case Admin admin -> {}
            case Agent agent when agent.deviceId().equals(deviceId) -> {}
            case Agent agent -> throw new ForbiddenException("the agent token belongs to another device");
            case Anonymous anonymous -> throw new UnauthorizedException("this request needs an agent or admin token");
        }
    }

    /** Throws unless this caller holds the admin token. */
    default void requireAdmin() {
        switch (this) {
            case Admin admin -> {}
            case Agent agent -> throw new ForbiddenException("this request needs the admin token, not an agent token");
            case Anonymous anonymous -> throw new UnauthorizedException("this request needs the admin token");
        }
    }
}

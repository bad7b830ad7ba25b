package dev.tenshot.service.access;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Who is making a request, from its {@code Authorization: Bearer} token. */
public sealed interface Caller {

    /** Holds an admin token (the bootstrap one or an admin-scoped one): may do anything. */
    record Admin(Actor actor) implements Caller {}

    /** Holds an enrolment token: may register devices, nothing else. */
    record Enroler(Actor actor) implements Caller {}

    /** Holds a read token: may read everything, change nothing. */
    record Reader(Actor actor) implements Caller {}

    /** Holds the agent token of one device: may read and post for that device only. */
    record Agent(UUID deviceId) implements Caller {}

    /** Sent no token: may read only where anonymous reads are switched on. */
    record Anonymous() implements Caller {}

    /**
     * Who acted, as the audit records it: never the secret.
     *
     * @param tokenId the access token's id; null for the bootstrap admin token and agent tokens
     */
    record Actor(@Nullable UUID tokenId, String name, String scope) {}

    /** The actor the audit records for this caller. */
    default Actor actor() {
        return switch (this) {
            case Admin admin -> admin.actor();
            case Enroler enroler -> enroler.actor();
            case Reader reader -> reader.actor();
            case Agent agent -> new Actor(null, "agent of device " + agent.deviceId(), "agent");
            case Anonymous anonymous -> new Actor(null, "anonymous", "anonymous");
        };
    }

    /** Throws unless this caller may change {@code deviceId}'s data. */
    default void requireWriteAccessTo(UUID deviceId) {
        switch (this) {
            case Admin admin -> {}
            case Agent agent when agent.deviceId().equals(deviceId) -> {}
            case Agent agent -> throw new ForbiddenException("the agent token belongs to another device");
            case Enroler enroler -> throw new ForbiddenException("an enrolment token may only register devices");
            case Reader reader -> throw new ForbiddenException("a read token may not change anything");
            case Anonymous anonymous -> throw new UnauthorizedException("this request needs an agent or admin token");
        }
    }

    /** Throws unless this caller may register a device: an admin or enrolment token. */
    default void requireEnrolment() {
        if (!(this instanceof Enroler)) {
            requireAdmin();
        }
    }

    /** Throws unless this caller holds an admin token. */
    default void requireAdmin() {
        switch (this) {
            case Admin admin -> {}
            case Agent agent -> throw new ForbiddenException("this request needs an admin token, not an agent token");
            case Enroler enroler ->
                throw new ForbiddenException("this request needs an admin token, not an enrolment token");
            case Reader reader -> throw new ForbiddenException("this request needs an admin token, not a read token");
            case Anonymous anonymous -> throw new UnauthorizedException("this request needs an admin token");
        }
    }

    /**
     * Throws unless this caller may read: admin and read tokens read everything, an agent reads its own device's data
     * ({@code deviceId} is the device the request is about, null when it is about none), and anonymous callers read
     * only when {@code anonymousReads} is on.
     */
    default void requireRead(@Nullable UUID deviceId, boolean anonymousReads) {
        switch (this) {
            case Admin admin -> {}
            case Reader reader -> {}
            case Agent agent when agent.deviceId().equals(deviceId) -> {}
            case Agent agent -> throw new ForbiddenException("an agent token reads only its own device's data");
            case Enroler enroler -> throw new ForbiddenException("an enrolment token may only register devices");
            case Anonymous anonymous when anonymousReads -> {}
            case Anonymous anonymous -> throw new UnauthorizedException("reading needs a read, agent or admin token");
        }
    }
}

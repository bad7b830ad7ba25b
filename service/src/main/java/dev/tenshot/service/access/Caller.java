package dev.tenshot.service.access;

import dev.tenshot.service.api.ProblemException;
import dev.tenshot.service.api.ProblemType;
import java.util.UUID;

/** Who is making a request, from its {@code Authorization: Bearer} token, and what its token's scope allows. */
public sealed interface Caller {

    /** An admin token (the configured one, or one made with admin scope): may do anything. */
    record Admin(String label) implements Caller {}

    /** The agent token of one device: may post for that device and read its own device. */
    record Agent(UUID deviceId) implements Caller {}

    /** An enrolment token: may register devices (and gets each one's agent token), nothing else. */
    record Enroller(String label) implements Caller {}

    /** A read token: may read everything, change nothing. */
    record Reader(String label) implements Caller {}

    /** Sent no token: may read only where the service allows anonymous reads. */
    record Anonymous() implements Caller {}

    /** Throws unless this caller may change {@code deviceId}'s data. */
    default void requireWriteAccessTo(UUID deviceId) {
        switch (this) {
            case Admin admin -> {}
            case Agent agent -> {
                if (!agent.deviceId().equals(deviceId)) {
                    throw forbidden("the agent token belongs to another device");
                }
            }
            case Enroller enroller -> throw forbidden("an enrolment token may only register devices");
            case Reader reader -> throw forbidden("a read token may not change anything");
            case Anonymous anonymous -> throw unauthorized("this request needs an agent or admin token");
        }
    }

    /** Throws unless this caller holds an admin token. */
    default void requireAdmin() {
        switch (this) {
            case Admin admin -> {}
            case Agent agent -> throw forbidden("this request needs an admin token, not an agent token");
            case Enroller enroller -> throw forbidden("an enrolment token may only register devices");
            case Reader reader -> throw forbidden("a read token may not change anything");
            case Anonymous anonymous -> throw unauthorized("this request needs an admin token");
        }
    }

    /** Throws unless this caller may register devices (an admin or an enrolment token). */
    default void requireEnrolment() {
        switch (this) {
            case Admin admin -> {}
            case Enroller enroller -> {}
            case Agent agent -> throw forbidden("an agent token cannot register devices");
            case Reader reader -> throw forbidden("a read token may not change anything");
            case Anonymous anonymous -> throw unauthorized("registering a device needs an enrolment or admin token");
        }
    }

    /** Who this is, for the audit log: never the token. */
    default String who() {
        return switch (this) {
            case Admin admin -> "admin " + admin.label();
            case Agent agent -> "agent of device " + agent.deviceId();
            case Enroller enroller -> "enrolment " + enroller.label();
            case Reader reader -> "reader " + reader.label();
            case Anonymous anonymous -> "anonymous";
        };
    }

    private static ProblemException forbidden(String why) {
        return new ProblemException(ProblemType.FORBIDDEN, why);
    }

    private static ProblemException unauthorized(String why) {
        return new ProblemException(ProblemType.UNAUTHORIZED, why);
    }
}

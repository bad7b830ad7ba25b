package dev.tenshot.agent;

import dev.tenshot.agent.api.ApiMessages;
import dev.tenshot.agent.api.ProblemResponseException;
import dev.tenshot.agent.api.ServiceClient;
import dev.tenshot.agent.runner.DeviceProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Finds the agent's device: the one its token belongs to, or, started with the admin token, a newly registered one
 * (whose agent token is then used, printed once, and kept in the token file when one is given, so a restarted
 * agent measures the same device).
 */
final class Enrolment {

    private static final String NO_DEVICE_FOR_TOKEN = "urn:tenshot:problem:no-device-for-token";

    private Enrolment() {}

    static UUID deviceFor(
            ServiceClient service, DeviceProfile device, String space, @Nullable Path tokenFile, PrintStream out) {
        try {
            ApiMessages.Device mine = service.me();
            out.printf("measuring device %s (%s), status %s%n", mine.id(), mine.name(), mine.status());
            return mine.id();
        } catch (ProblemResponseException e) {
            if (!NO_DEVICE_FOR_TOKEN.equals(e.type())) {
                throw e;
            }
        }
        ApiMessages.Registration registration = service.register(device, space);
        service.useToken(registration.agentToken());
        out.printf(
                "registered device %s (%s)%s%n",
                registration.id(), registration.name(), device.simulated() ? " [simulated]" : "");
        if (tokenFile != null) {
            save(tokenFile, registration.agentToken());
            out.printf("agent token saved to %s%n", tokenFile);
        } else {
            out.printf(
                    "agent token (shown once; pass it as --token to measure this device again): %s%n",
                    registration.agentToken());
        }
        return registration.id();
    }

    private static void save(Path tokenFile, String token) {
        try {
            Path parent = tokenFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(tokenFile);
            try {
                // created owner-only, so the token is never readable by others, not even for a moment
                Files.createFile(
                        tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            Files.writeString(tokenFile, token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agent token to " + tokenFile, e);
        }
    }
}

package dev.tenshot.service.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The admin token. Configured with {@code TENSHOT_ADMIN_TOKEN}; without one, a token is generated once and kept
 * in {@code <data-dir>/admin-token} so a newcomer can use the service with no set-up.
 */
@Component
class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
    private final byte[] token;

    AdminToken(AccessProperties properties) {
        String configured = properties.adminToken();
        keepPrivate(properties.dataDir());
        String value = configured == null || configured.isBlank() ? fromFile(properties.dataDir()) : configured;
        this.token = value.getBytes(StandardCharsets.UTF_8);
    }

    boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The data directory holds the generated admin token and the embedded H2 database: 0700 keeps both from other
     * users, whichever of the two created the directory first. A read-only file system (a container running on
     * PostgreSQL) needs no data directory, so failing here is only logged.
     */
    private static void keepPrivate(Path dataDir) {
        try {
            PrivateFiles.createDirectories(dataDir);
        } catch (IOException e) {
            log.warn("cannot create {} with owner-only permissions: {}", dataDir.toAbsolutePath(), e.toString());
        }
    }

    static String fromFile(Path dataDir) {
        Path file = dataDir.resolve("admin-token");
        try {
            if (!Files.exists(file)) {
                PrivateFiles.createDirectories(dataDir);
                PrivateFiles.writeString(file, AgentTokens.generate().replace("tsa_", "tsadmin_") + "\n");
                log.info("No TENSHOT_ADMIN_TOKEN set: generated an admin token in {}", file.toAbsolutePath());
            } else {
                log.info("Using the admin token in {}", file.toAbsolutePath());
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token file " + file, e);
        }
    }
}

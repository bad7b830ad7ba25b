package dev.tenshot.service.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The admin token. Configured with {@code TENSHOT_ADMIN_TOKEN}; without one, a token is generated once and kept
 * in {@code <data-dir>/admin-token} (readable by its owner only) so a newcomer can use the service with no set-up.
 */
@Component
class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
    private final byte[] token;
    private final Path dataDir;

    AdminToken(AccessProperties properties) {
        String configured = properties.adminToken();
        String value = configured == null || configured.isBlank() ? fromFile(properties.dataDir()) : configured;
        this.token = value.getBytes(StandardCharsets.UTF_8);
        this.dataDir = properties.dataDir();
    }

    /** The embedded database's files, created by H2 as the context started, are tightened too. */
    @EventListener(ApplicationReadyEvent.class)
    void secureDataDirectory() {
        if (Files.isDirectory(dataDir)) {
            PrivateDataDirectory.secure(dataDir);
        }
    }

    boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static String fromFile(Path dataDir) {
        Path file = dataDir.resolve("admin-token");
        try {
            if (!Files.exists(file)) {
                PrivateDataDirectory.secure(dataDir);
                PrivateDataDirectory.writeSecret(file, AgentTokens.generate().replace("tsa_", "tsadmin_") + "\n");
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

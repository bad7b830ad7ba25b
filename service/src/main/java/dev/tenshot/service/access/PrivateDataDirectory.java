package dev.tenshot.service.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The data directory (the embedded database, the generated admin token) is its owner's alone: created 0700 before
 * anything writes there, its files tightened to 0600 if an earlier version left them readable. Runs once the
 * configuration is read, before any bean (the database creates its files as the context starts).
 */
public final class PrivateDataDirectory implements EnvironmentPostProcessor, Ordered {

    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String dataDir = environment.getProperty("tenshot.data-dir");
        if (dataDir != null && !dataDir.isBlank()) {
            secure(Path.of(dataDir));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the configuration files are read
    }

    /** Creates the directory owner-only, or makes it and its files so; a no-op where POSIX permissions do not exist. */
    static void secure(Path directory) {
        if (!isPosix()) {
            return;
        }
        try {
            if (!Files.exists(directory)) {
                Files.createDirectories(directory, asAttribute(OWNER_ONLY_DIRECTORY));
                return;
            }
            Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data directory " + directory + " owner-only", e);
        }
    }

    /** Writes a new file readable by its owner only (a secret). */
    static void writeSecret(Path file, String content) throws IOException {
        if (isPosix()) {
            Files.createFile(file, asAttribute(OWNER_ONLY_FILE));
        }
        Files.writeString(file, content);
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> asAttribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}

package dev.tenshot.service.access;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files only their owner may read: the admin token, and (inside the same 0700 directory) the embedded H2 database.
 * On a file system without POSIX permissions the files are created as usual.
 */
final class PrivateFiles {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {}

    /** Creates the directory 0700 (its parents as usual); an existing directory is narrowed to 0700. */
    static void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Writes a new file created 0600, so the secret is never readable by others, not even briefly. */
    static void writeString(Path file, String content) throws IOException {
        FileAttribute<?>[] attributes = POSIX
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
        Files.createFile(file, attributes);
        Files.writeString(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    }
}

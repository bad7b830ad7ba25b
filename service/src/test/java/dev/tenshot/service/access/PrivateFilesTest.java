package dev.tenshot.service.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path temp;

    @Test
    void createsTheAdminTokenOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
        assumeThat(Files.getFileStore(temp).supportsFileAttributeView("posix"))
                .as("POSIX permissions")
                .isTrue();
        Path dataDir = temp.resolve("data");

        String token = AdminToken.fromFile(dataDir);

        assertThat(token).startsWith("tsadmin_");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("admin-token"))))
                .isEqualTo("rw-------");
        assertThat(AdminToken.fromFile(dataDir))
                .as("read back, not regenerated")
                .isEqualTo(token);
    }

    @Test
    void narrowsAnExistingDataDirectory() throws Exception {
        assumeThat(Files.getFileStore(temp).supportsFileAttributeView("posix"))
                .as("POSIX permissions")
                .isTrue();
        Path dataDir = Files.createDirectory(
                temp.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        PrivateFiles.createDirectories(dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                .isEqualTo("rwx------");
    }
}

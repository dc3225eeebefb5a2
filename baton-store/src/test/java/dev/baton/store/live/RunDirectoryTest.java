package dev.baton.store.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where live updates keep their files: private directories, numbered updates, nothing planted. */
class RunDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aRunDirectoryIsMadePrivateWithItsParentsAndNumbersItsUpdates() throws IOException {
        Path dir = tmp.resolve("runs/7731");
        RunDirectory run = RunDirectory.open(dir);
        assertThat(run.path()).isEqualTo(dir.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent()))).isEqualTo("rwx------");

        RunDirectory.Update first = run.next();
        RunDirectory.Update second = RunDirectory.open(dir).next(); // another command, the same store
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.log()).isEqualTo(dir.resolve("update-1.log")).exists();
        assertThat(first.dump()).isEqualTo(dir.resolve("update-1.xenstore")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.log()))).isEqualTo("rw-------");
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.log()).isEqualTo(dir.resolve("update-2.log"));
    }

    @Test
    void aLinkOrAFileWhereTheDirectoryShouldBeIsRefused() throws IOException {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), elsewhere);
        assertThatThrownBy(() -> RunDirectory.open(link)).isInstanceOf(IOException.class)
                .hasMessage("run directory " + link + " exists and is not a directory (or is a link)");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> RunDirectory.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a directory");
    }

    @Test
    void theDefaultIsOneDirectoryAStorePort() {
        Path d = RunDirectory.defaultFor(7731);
        assertThat(d.getFileName().toString()).isEqualTo("7731");
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && Files.isDirectory(Path.of(runtime))) {
            assertThat(d).isEqualTo(Path.of(runtime, "baton-store", "7731"));
        } else {
            assertThat(d).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"),
                    "baton-store-" + System.getProperty("user.name"), "7731"));
        }
    }
}

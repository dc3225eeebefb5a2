package dev.baton.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the files readers read, and replacing the files tools write. */
class FilesTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryIsRefusedWithItsName() {
        assertThatThrownBy(() -> InputFiles.open(dir)).isInstanceOf(FileSystemException.class)
                .hasMessage(dir + ": is a directory, not a file");
        assertThatThrownBy(() -> RecordReader.open(dir, ReaderOptions.defaults()))
                .isInstanceOf(FileSystemException.class).hasMessage(dir + ": is a directory, not a file");
        assertThatThrownBy(() -> InputFiles.open(dir.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
    }

    private static void write(FileReplacement r, String text) throws IOException {
        r.channel().write(ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static Set<PosixFilePermission> mode(Path p) throws IOException {
        return Files.getPosixFilePermissions(p);
    }

    @Test
    void aReplacementKeepsTheTargetsModeOrGetsANewFilesOne() throws IOException {
        Path fresh = dir.resolve("fresh");
        try (FileReplacement r = FileReplacement.create(fresh)) {
            write(r, "new");
            r.commit();
        }
        Path probe = Files.createFile(dir.resolve("probe")); // what the umask gives any new file
        assertThat(mode(fresh)).isEqualTo(mode(probe));

        Path shared = dir.resolve("shared");
        Files.writeString(shared, "old");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r-----"));
        try (FileReplacement r = FileReplacement.create(shared)) {
            write(r, "new");
            r.commit();
        }
        assertThat(Files.readString(shared)).isEqualTo("new");
        assertThat(mode(shared)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    }

    @Test
    void withoutACommitTheTargetIsUntouchedAndNothingIsLeftBeside() throws IOException {
        Path target = dir.resolve("target");
        Files.writeString(target, "before");
        try (FileReplacement r = FileReplacement.create(target)) {
            write(r, "half");
        }
        assertThat(Files.readString(target)).isEqualTo("before");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void failuresNameTheTargetOrItsMissingDirectory() {
        assertThatThrownBy(() -> FileReplacement.create(dir)).isInstanceOf(FileSystemException.class)
                .hasMessage(dir + ": is a directory, not a file");
        Path missing = dir.resolve("no").resolve("out");
        assertThatThrownBy(() -> FileReplacement.create(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(dir.resolve("no") + ": no such directory (for " + missing + ")");
    }
}

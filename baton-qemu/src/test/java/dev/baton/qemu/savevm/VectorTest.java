package dev.baton.qemu.savevm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.wire.StreamFormatException;
import dev.baton.qemu.HexVector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written vectors of {@code qemu/vectors}: valid ones read without a problem, from a pipe
 * and from a file; malformed ones stop a strict read with the error, offset and section they name.
 */
class VectorTest {
    @TempDir
    Path dir;

    static List<String> vectors() {
        return HexVector.all();
    }

    private static SavevmOptions strict() {
        return SavevmOptions.defaults().withCheckPages(true);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void fromAPipe(String name) {
        HexVector v = HexVector.load(name);
        check(v, () -> SavevmReader.read(new ByteArrayInputStream(v.octets()), strict()));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void fromAFile(String name) throws IOException {
        HexVector v = HexVector.load(name);
        Path file = dir.resolve(name + ".mig");
        Files.write(file, v.octets());
        check(v, () -> SavevmReader.read(file, strict()));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void verifyAgrees(String name) throws IOException {
        HexVector v = HexVector.load(name);
        SavevmVerifier.Verdict verdict = SavevmVerifier.verify(
                SavevmSource.of(new ByteArrayInputStream(v.octets()), name), offset -> {
                });
        if ("yes".equals(v.directive("valid"))) {
            assertThat(verdict.problems()).as(name).isEmpty();
        } else {
            assertThat(verdict.problems()).as(name).isNotEmpty();
            assertThat(verdict.problems().get(0).problem()).as(name).contains(v.directive("expect"));
        }
    }

    private interface Read {
        SavevmStream run() throws IOException;
    }

    private static void check(HexVector v, Read read) {
        if ("yes".equals(v.directive("valid"))) {
            try {
                assertThat(read.run()).as(v.name()).isNotNull();
            } catch (IOException e) {
                throw new AssertionError(v.name() + ": " + e.getMessage(), e);
            }
            return;
        }
        StreamFormatException e = catchThrowableOfType(StreamFormatException.class, read::run);
        assertThat(e).as(v.name() + " must fail").isNotNull();
        assertThat(e.problem()).as(v.name()).contains(v.directive("expect"));
        assertThat(e.offset()).as(v.name() + ": " + e.getMessage()).isEqualTo(Long.parseLong(v.directive("offset")));
    }
}

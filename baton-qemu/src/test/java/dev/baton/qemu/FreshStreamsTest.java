package dev.baton.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.qemu.analyze.Analyzer;
import dev.baton.qemu.savevm.SavevmOptions;
import dev.baton.qemu.savevm.SavevmReader;
import dev.baton.qemu.savevm.SavevmSource;
import dev.baton.qemu.savevm.SavevmStream;
import dev.baton.qemu.savevm.SavevmVerifier;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Makes fresh streams with the QEMU installed here (make-fixtures.sh) and reads them: they must
 * verify clean, read the same from a pipe and a file, and, when this QEMU is the one that made
 * the committed fixtures (7.2), match the committed references but for the real-time clock.
 * Skipped, saying why, when qemu-system-x86_64 is not installed.
 */
class FreshStreamsTest {
    private static final List<String> NAMES = List.of("pc", "q35", "pc-devices", "pc-ignore-shared", "pc-postcopy",
            "pc-compress");

    @TempDir
    Path dir;

    @Test
    void freshStreamsFromTheInstalledQemu() throws Exception {
        assumeTrue(onPath("qemu-system-x86_64"),
                "qemu-system-x86_64 not installed: fresh streams cannot be made (apt-get install qemu-system-x86)");
        List<String> command = new ArrayList<>(List.of("bash", script().toString(), dir.toString()));
        command.addAll(NAMES);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        boolean sameQemu = qemuVersion().contains("version 7.2.");

        for (String name : NAMES) {
            Path file = dir.resolve(name + ".mig");
            SavevmVerifier.Verdict v = SavevmVerifier.verify(SavevmSource.file(file), at -> {
            });
            assertThat(v.problems()).as(name).isEmpty();
            String fromFile = state(SavevmSource.file(file));
            String fromPipe = state(SavevmSource.of(Files.newInputStream(file), name));
            assertThat(fromPipe).as(name).isEqualTo(fromFile);
            if (sameQemu && Fixtures.WITH_REFERENCE.contains(name)) {
                assertThat(withoutClock(fromFile)).as(name).isEqualTo(withoutClock(Fixtures.reference(name, "state")));
                StringWriter desc = new StringWriter();
                Analyzer.dumpDesc(SavevmSource.file(file), SavevmOptions.defaults(), desc);
                assertThat(desc.toString()).as(name).isEqualTo(Fixtures.reference(name, "desc"));
            }
            SavevmStream committed = SavevmReader.read(Fixtures.stream(name), SavevmOptions.defaults());
            SavevmStream fresh = SavevmReader.read(file, SavevmOptions.defaults());
            if (sameQemu) {
                assertThat(fresh.ram().ram().blocks()).as(name).isEqualTo(committed.ram().ram().blocks());
            }
        }
    }

    /** The RTC holds the wall clock: drop its section before comparing. */
    private static String withoutClock(String stateJson) {
        return stateJson.replaceAll("(?s)\n    \"mc146818rtc \\(\\d+\\)\": \\{.*?\n    \\},?", "");
    }

    private static String state(SavevmSource source) throws IOException {
        StringWriter out = new StringWriter();
        Analyzer.dumpState(source, SavevmOptions.defaults(), false, out);
        return out.toString();
    }

    private static Path script() throws URISyntaxException {
        return Path.of(FreshStreamsTest.class.getResource("/qemu/make-fixtures.sh").toURI());
    }

    private static String qemuVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("qemu-system-x86_64", "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}

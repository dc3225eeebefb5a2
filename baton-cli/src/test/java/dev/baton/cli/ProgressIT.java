package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar: where it is drawn (standard error on a terminal, or when asked), what it says
 * of standard input, and how it ends. A real terminal comes from util-linux's {@code script},
 * which runs the command on a pseudo-terminal and copies what it shows.
 */
class ProgressIT {
    @TempDir
    static Path dir;
    /** Some 10 MiB (as many as the passes took): a migration file of the sample application with an 8 MiB region. */
    private static Path stream;

    @BeforeAll
    static void stream() {
        stream = dir.resolve("state.baton");
        Baton.Result r = Baton.run(List.of("-Dbaton.sample.mib=8", "-Dbaton.sample.sessions=200"), null, "migrate",
                "send", "--to", stream.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    /** The frames the bar drew (it redraws its line after a carriage return), the last last. */
    private static List<String> frames(String output) {
        return Arrays.stream(output.split("[\r\n]+")).map(String::strip).filter(f -> f.contains(" [")).toList();
    }

    /** What {@code shell} shows on a terminal, standard output and error together. */
    private static String onATerminal(String shell) throws Exception {
        Process p = new ProcessBuilder("script", "-qec", shell, "/dev/null").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String shown = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(shown).isZero();
        return shown;
    }

    private static String baton() {
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -jar " + Baton.jar();
    }

    /** The size of the stream, in whole MiB, as the bar counts it. */
    private static String mib() throws java.io.IOException {
        return Long.toString(java.nio.file.Files.size(stream) >> 20);
    }

    @Test
    void verifysBarEndsAtAHundredPercentWithTheRateItRead() throws Exception {
        Baton.Result r = Baton.run("verify", "--progress", stream.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String last = frames(r.err()).getLast();
        Matcher m = Pattern.compile("^verify 100% \\[=+\\] (\\d+)/(\\d+) MiB \\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\) "
                + "(\\d+\\.\\d) MiB/s$").matcher(last);
        assertThat(m.matches()).as(last).isTrue();
        assertThat(m.group(1)).isEqualTo(m.group(2)).isEqualTo(mib());
        assertThat(Double.parseDouble(m.group(3))).as("a rate, not a placeholder").isPositive();
    }

    /** decode's bar counts the stream's octets as it reads them, encode's the document's. */
    @Test
    void decodeAndEncodeShowTheirBarsWhenAsked() throws Exception {
        Path doc = dir.resolve("state.json");
        Baton.Result d = Baton.run(List.of(), null, doc, "decode", "--progress", stream.toString());
        assertThat(d.exit()).as(d.err()).isZero();
        assertThat(frames(d.err()).getLast()).matches("^decode 100% \\[=+\\] " + mib() + "/" + mib() + " MiB .*");
        Baton.Result e = Baton.run("encode", "--progress", doc.toString(), dir.resolve("again.baton").toString());
        assertThat(e.exit()).as(e.err()).isZero();
        String mibs = Long.toString(java.nio.file.Files.size(doc) >> 20);
        assertThat(frames(e.err()).getLast()).matches("^encode 100% \\[=+\\] " + mibs + "/" + mibs + " MiB .*");
    }

    @Test
    void onATerminalVerifyOfStandardInputSaysItReadsStandardInput() throws Exception {
        String shown = onATerminal(baton() + " verify - < " + stream);
        assertThat(frames(shown)).isNotEmpty().allSatisfy(f -> assertThat(f)
                .startsWith("verify, reading standard input  ? % [").matches(".* \\d+/\\? MiB \\(\\d+:\\d\\d:\\d\\d\\) "
                        + "\\d+\\.\\d MiB/s"));
        assertThat(frames(shown).getLast()).contains(" " + mib() + "/? MiB ");
        assertThat(shown).contains("<stdin>: valid: ");
    }

    @Test
    void onATerminalASmallFileGetsNoBarAndNothingButATerminalGetsOne() throws Exception {
        // under 64 MiB a file is read before a bar would be worth drawing
        String shown = onATerminal(baton() + " verify " + stream);
        assertThat(frames(shown)).isEmpty();
        assertThat(shown.strip()).startsWith(stream + ": valid: ");
        // standard error is a file here, not a terminal: no bar, though the input has no end in sight
        Baton.Result piped = Baton.run(List.of(), stream, "verify", "-");
        assertThat(piped.exit()).isZero();
        assertThat(piped.err()).isEmpty();
    }
}

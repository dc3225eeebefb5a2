package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A report's options: the values given, the defaults, and one line for each mistake. */
class ReportOptionsTest {

    private static ReportOptions parse(String... args) {
        return ReportOptions.parse("store-report", args, "--nodes N", "--sizes N,N...", "--rate N", "--start 1.0|2.0");
    }

    @Test
    void givenValuesAndDefaults() {
        ReportOptions o = parse("--nodes", "200000", "--sizes", "64,256", "--rate", "5000000000");
        assertThat(o.count("--nodes", 20_000)).isEqualTo(200_000);
        assertThat(o.counts("--sizes", new int[] {1})).containsExactly(64, 256);
        assertThat(o.countLong("--rate", 1)).isEqualTo(5_000_000_000L);
        assertThat(o.oneOf("--start", "2.0", "1.0", "2.0")).isEqualTo("2.0");
        assertThat(parse("--start", "1.0").oneOf("--start", "2.0", "1.0", "2.0")).isEqualTo("1.0");
        assertThat(parse().count("--nodes", 20_000)).isEqualTo(20_000);
    }

    @Test
    void eachMistakeIsOneLineNamingTheReportAndTheOption() {
        assertThatThrownBy(() -> parse("--node", "5")).hasMessage(
                "bench store-report: unknown option --node (use --nodes N, --sizes N,N..., --rate N, --start 1.0|2.0)");
        assertThatThrownBy(() -> parse("--nodes")).hasMessage(
                "bench store-report: --nodes needs a value (use --nodes N, --sizes N,N..., --rate N, --start 1.0|2.0)");
        assertThatThrownBy(() -> parse("--nodes", "1", "--nodes", "2"))
                .hasMessage("bench store-report: --nodes is given twice");
        assertThatThrownBy(() -> parse("--nodes", "abc").count("--nodes", 1))
                .hasMessage("bench store-report: --nodes: abc is not a whole number from 1 to 2147483647");
        assertThatThrownBy(() -> parse("--nodes", "0").count("--nodes", 1))
                .hasMessage("bench store-report: --nodes: 0 is not a whole number from 1 to 2147483647");
        assertThatThrownBy(() -> parse("--nodes", "3000000000").count("--nodes", 1))
                .hasMessage("bench store-report: --nodes: 3000000000 is not a whole number from 1 to 2147483647");
        assertThatThrownBy(() -> parse("--sizes", "64,,256").counts("--sizes", new int[0]))
                .hasMessage("bench store-report: --sizes:  is not a whole number from 1 to 2147483647");
        assertThatThrownBy(() -> parse("--rate", "-1").countLong("--rate", 1))
                .hasMessage("bench store-report: --rate: -1 is not a whole number from 1 to 9223372036854775807");
        assertThatThrownBy(() -> parse("--start", "3.0").oneOf("--start", "2.0", "1.0", "2.0"))
                .hasMessage("bench store-report: --start: 3.0 is not one of 1.0, 2.0");
    }

    @Test
    void aReportGivenABadValueExitsWithTwoAndOneLine() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder b = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                StorePreCopyReport.class.getName(), "--nodes", "abc"));
        b.environment().remove("JAVA_TOOL_OPTIONS"); // the JVM would say it picked them up on standard error
        Process p = b.start();
        try {
            p.getOutputStream().close();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the report ended").isTrue();
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(read(p.getInputStream())).isEmpty();
            assertThat(read(p.getErrorStream()))
                    .isEqualTo("bench store-precopy: --nodes: abc is not a whole number from 1 to 2147483647\n");
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(java.io.InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}

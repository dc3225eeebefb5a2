package dev.baton.qemu.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.qemu.vmdesc.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Python's json.dumps(indent=4, separators=(',', ': ')), as analyze-migration.py prints. */
class PythonJsonWriterTest {

    private static String write(String json) throws IOException {
        StringWriter out = new StringWriter();
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        new PythonJsonWriter(out).tree(Json.parse(b, 0, b.length));
        return out.toString();
    }

    @Test
    void indentsByFourAndKeepsEmptyContainersShort() throws IOException {
        assertThat(write("{\"a\": [1, {}], \"b\": [], \"c\": {\"d\": null, \"e\": true}}")).isEqualTo("""
                {
                    "a": [
                        1,
                        {}
                    ],
                    "b": [],
                    "c": {
                        "d": null,
                        "e": true
                    }
                }""");
    }

    @Test
    void escapesLikePythonsEnsureAscii() throws IOException {
        // json.dumps("\u00e9\"\\/\t\u0001\u007f\ud83d\ude00") in Python 3
        assertThat(write("[\"\u00e9\\\"\\\\/\\t\\u0001\u007f\ud83d\ude00\"]"))
                .isEqualTo("[\n    \"\\u00e9\\\"\\\\/\\t\\u0001\\u007f\\ud83d\\ude00\"\n]");
    }

    @Test
    void repeatedKeysKeepTheFirstPlaceAndTheLastValue() throws IOException {
        assertThat(write("{\"a\": 1, \"b\": 2, \"a\": 3}")).isEqualTo("{\n    \"a\": 3,\n    \"b\": 2\n}");
    }

    @Test
    void floatsAsPythonsRepr() {
        assertThat(PythonJsonWriter.pythonFloat(0.1)).isEqualTo("0.1");
        assertThat(PythonJsonWriter.pythonFloat(1.0)).isEqualTo("1.0");
        assertThat(PythonJsonWriter.pythonFloat(-0.0)).isEqualTo("-0.0");
        assertThat(PythonJsonWriter.pythonFloat(100.0)).isEqualTo("100.0");
        assertThat(PythonJsonWriter.pythonFloat(1e16)).isEqualTo("1e+16");
        assertThat(PythonJsonWriter.pythonFloat(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(PythonJsonWriter.pythonFloat(0.0001)).isEqualTo("0.0001");
        assertThat(PythonJsonWriter.pythonFloat(123456789012345.6)).isEqualTo("123456789012345.6");
        assertThat(PythonJsonWriter.pythonFloat(1.2345e300)).isEqualTo("1.2345e+300");
    }

    @Test
    void bigIntegersStayExact() throws IOException {
        assertThat(write("[18446744073709551615, -1]")).isEqualTo("[\n    18446744073709551615,\n    -1\n]");
    }
}

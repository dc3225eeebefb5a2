package dev.baton.qemu.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.qemu.Fixtures;
import dev.baton.qemu.savevm.SavevmOptions;
import dev.baton.qemu.savevm.SavevmReader;
import dev.baton.qemu.savevm.SavevmStream;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Baton's analyze output is analyze-migration.py's, character for character, on real streams. */
class ReferenceOutputTest {
    static final java.util.List<String> NAMES = Fixtures.WITH_REFERENCE;

    @ParameterizedTest
    @FieldSource("NAMES")
    void stateIsTheScriptsOutput(String name) throws IOException {
        SavevmStream s = SavevmReader.read(Fixtures.stream(name), SavevmOptions.defaults());
        StringWriter out = new StringWriter();
        StateJson.write(s, new PythonJsonWriter(out), null);
        out.write('\n');
        assertThat(out.toString()).isEqualTo(Fixtures.reference(name, "state"));
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void descIsTheScriptsOutput(String name) throws IOException {
        SavevmStream s = SavevmReader.read(Fixtures.stream(name), SavevmOptions.defaults());
        StringWriter out = new StringWriter();
        new PythonJsonWriter(out).tree(s.vmdesc().tree());
        out.write('\n');
        assertThat(out.toString()).isEqualTo(Fixtures.reference(name, "desc"));
    }
}

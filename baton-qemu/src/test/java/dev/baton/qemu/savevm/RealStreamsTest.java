package dev.baton.qemu.savevm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.wire.StreamFormatException;
import dev.baton.qemu.Fixtures;
import dev.baton.qemu.vmdesc.StateValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The streams QEMU 7.2 wrote (make-fixtures.sh): read strictly, from a pipe and from a file. */
class RealStreamsTest {
    static final List<String> DECODABLE = Fixtures.ALL.stream().filter(n -> !n.equals("pc-i440fx-2.0")).toList();

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("DECODABLE")
    void readsStrictlyAndVerifiesClean(String name) throws IOException {
        SavevmStream pipe = SavevmReader.read(Fixtures.stream(name), SavevmOptions.defaults());
        SavevmStream file = SavevmReader.read(Fixtures.file(name, dir), SavevmOptions.defaults());
        assertThat(keys(file)).isEqualTo(keys(pipe));
        assertThat(pipe.footers()).isTrue();
        assertThat(pipe.pageSize()).isEqualTo(4096);
        assertThat(pipe.vmdesc().devices()).hasSize(pipe.sections().size() - 1);
        assertThat(pipe.trailing()).isZero();
        assertThat(pipe.length()).isEqualTo(Fixtures.bytes(name).length);
        Section ram = pipe.ram();
        assertThat(ram.ended()).isTrue();
        assertThat(ram.ram().blocks()).extracting(RamBlock::name).contains("pc.ram", "pc.bios", "pc.rom");

        SavevmVerifier.Verdict v = SavevmVerifier.verify(SavevmSource.of(Fixtures.stream(name), name), at -> {
        });
        assertThat(v.problems()).isEmpty();
    }

    private static String keys(SavevmStream s) {
        return s.sections().values().stream().map(x -> x.header().key()).collect(Collectors.joining(","));
    }

    @Test
    void machineTypesOldAndNew() throws IOException {
        assertThat(read("pc").configuration().machineType()).isEqualTo("pc-i440fx-7.2");
        assertThat(read("q35").configuration().machineType()).isEqualTo("pc-q35-7.2");
        assertThat(read("pc-q35-2.4").configuration().machineType()).isEqualTo("pc-q35-2.4");
    }

    @Test
    void severalCpusAndAddedDevices() throws IOException {
        SavevmStream s = read("pc-devices");
        assertThat(s.sections().values()).filteredOn(x -> x.header().idstr().equals("cpu")).hasSize(4);
        assertThat(keys(s)).contains("0000:00:02.0/e1000", "0000:00:03.0/uhci", "0000:00:03.0/1/usb-ptr", "serial");
        SavevmStream q = read("q35-devices");
        assertThat(keys(q)).contains("0000:00:01.0/virtio-net", "0000:00:02.0/xhci", "0000:00:02.0/1/usb-kbd", "serial");
        // a struct of a struct, and a compressed array of structs
        StateValue.StructValue cpu = read("pc").sections().values().stream()
                .filter(x -> x.header().idstr().equals("cpu")).findFirst().orElseThrow().state();
        assertThat(cpu.get("env.segs")).isInstanceOf(StateValue.ListValue.class);
        assertThat(((StateValue.ListValue) cpu.get("env.segs")).items()).hasSize(6);
        assertThat(cpu.get("cpu/poll_control_msr")).isInstanceOf(StateValue.StructValue.class);
    }

    @Test
    void capabilitiesCommandsAndCompressedPages() throws IOException {
        SavevmStream shared = read("pc-ignore-shared");
        assertThat(shared.configuration().capabilities()).containsExactly("x-ignore-shared");
        assertThat(shared.configuration().subsections()).containsExactly("configuration/capabilities");
        assertThat(shared.ram().ram().blocks()).allSatisfy(b -> assertThat(b.address()).isNotEqualTo(-1));

        SavevmStream postcopy = read("pc-postcopy");
        assertThat(postcopy.commands()).extracting(Command::name)
                .containsExactly("OPEN_RETURN_PATH", "PING", "POSTCOPY_ADVISE");

        SavevmStream compressed = read("pc-compress");
        assertThat(compressed.ram().ram().compressedPages()).isPositive();
        assertThat(compressed.ram().ram().pages()).isLessThan(compressed.ram().ram().compressedPages());
    }

    @Test
    void aStreamWithoutVmdescSaysSoAndWhere() {
        // pc-i440fx-2.0: no configuration record, no footers, and no vmdesc (suppress-vmdesc)
        StreamFormatException e = catchThrowableOfType(StreamFormatException.class, () -> read("pc-i440fx-2.0"));
        assertThat(e.problem()).contains("no VMDESCRIPTION at its end", "cannot be decoded");
        assertThat(e.context()).isEqualTo("FULL section 'timer (0)'");
        assertThat(e.offset()).isEqualTo(271416);
    }

    private static SavevmStream read(String name) throws IOException {
        return SavevmReader.read(Fixtures.stream(name), SavevmOptions.defaults());
    }
}

package dev.baton.xen.libxl;

import static dev.baton.xen.StreamBuilder.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.GoldenHex;
import dev.baton.xen.StreamBuilder;
import dev.baton.xen.Verify;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every check of the libxl verifier, each with a stream that fails it and the message that says so. */
class LibxlMalformedTest {
    static final int END = 0, LIBXC_CONTEXT = 1, XENSTORE_DATA = 2, EMULATOR_CONTEXT = 3, CHECKPOINT_END = 4,
            CHECKPOINT_STATE = 5;

    /** A libxl header, LIBXC_CONTEXT and a minimal v3 libxc stream of this guest type, ended. */
    static StreamBuilder withLibxc(int guest) {
        StreamBuilder s = new StreamBuilder().libxlHeader(2, 0).record(LIBXC_CONTEXT, new byte[0]).imageHeader(3, 0, 0)
                .domainHeader(guest, 12, 0);
        if (guest == 1) {
            s.record(2, s.buf(8).put((byte) 8).put((byte) 4).array());
        }
        return s.record(16, new byte[0]).end();
    }

    static StreamBuilder hvm() {
        return withLibxc(2);
    }

    static byte[] emulator(StreamBuilder s, long id, String data) {
        return concat(s.u32s(id, 0), data.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Arguments bad(String name, byte[] stream, String message) {
        return Arguments.of(name, stream, message);
    }

    static Stream<Arguments> cases() {
        byte[] golden = GoldenHex.resource("/xen/libxl-hvm-v3.hex");
        StreamBuilder s = new StreamBuilder();
        byte[] ident = golden.clone();
        ident[0] = 'l';
        byte[] version = golden.clone();
        version[11] = 3;
        byte[] options = golden.clone();
        options[13] = 1; // bit 16: beyond the python checker's 16-bit mask
        return Stream.of(
                bad("ident", ident, "offset 0, stream header, libxl header: not a libxl stream: ident "
                        + "0x6c6962786c466d74 is not \"LibxlFmt\""),
                bad("short", Arrays.copyOf(golden, 5), "not a libxl stream: it ends after 5 octets"),
                bad("truncated header", Arrays.copyOf(golden, 12), "truncated header: the stream ends after 12 of 16"),
                bad("version", version, "unknown libxl stream version 3 (version 2 is defined)"),
                bad("options", options, "offset 12, stream header, libxl header: reserved bits set in options: "
                        + "0x00010000 (bits 2-31 are reserved)"),
                bad("LIBXC_CONTEXT with a body", new StreamBuilder().libxlHeader(2, 0).record(LIBXC_CONTEXT, new byte[8])
                        .bytes(), "record #0, libxl LIBXC_CONTEXT: LIBXC_CONTEXT has no body, but its length is 8"),
                bad("emulator header", hvm().record(EMULATOR_CONTEXT, new byte[4]).end().bytes(),
                        "EMULATOR_CONTEXT of 4 octets is shorter than its emulator_id and index (8)"),
                bad("emulator id", hvm().record(EMULATOR_CONTEXT, emulator(s, 3, "")).end().bytes(),
                        "unknown emulator_id 3 (0 unknown, 1 qemu traditional, 2 qemu upstream)"),
                bad("xenstore data emulator id", hvm().record(XENSTORE_DATA, emulator(s, 7, "")).end().bytes(),
                        "libxl EMULATOR_XENSTORE_DATA: unknown emulator_id 7"),
                bad("xenstore data without its NUL", hvm().record(XENSTORE_DATA, emulator(s, 2, "a\0b")).end().bytes(),
                        "the key/value data does not end in a NUL"),
                bad("odd strings", hvm().record(XENSTORE_DATA, emulator(s, 2, "a\0b\0c\0")).end().bytes(),
                        "an odd number of strings (3): the data is key/value pairs"),
                bad("key alphabet", hvm().record(XENSTORE_DATA, emulator(s, 2, "a b\0v\0")).end().bytes(),
                        "key 0 has octet 0x20: keys are alphanumeric ASCII and -/_@"),
                bad("CHECKPOINT_STATE empty", hvm().record(CHECKPOINT_STATE, new byte[0]).end().bytes(),
                        "CHECKPOINT_STATE is empty: it carries a control_id"),
                bad("CHECKPOINT_STATE short", hvm().record(CHECKPOINT_STATE, new byte[2]).end().bytes(),
                        "CHECKPOINT_STATE of 2 octets is shorter than its control_id (4)"),
                bad("control id", hvm().record(CHECKPOINT_STATE, s.u32s(4)).end().bytes(),
                        "unknown control_id 4 (0 to 3 are defined)"),
                bad("CHECKPOINT_END with a body", hvm().record(CHECKPOINT_END, new byte[8]).end().bytes(),
                        "CHECKPOINT_END has no body, but its length is 8"),
                bad("CHECKPOINT_END outside a checkpoint", hvm().record(CHECKPOINT_END, new byte[0]).end().bytes(),
                        "CHECKPOINT_END outside a checkpoint (no libxc CHECKPOINT before it)"),
                bad("END without LIBXC_CONTEXT", new StreamBuilder().libxlHeader(2, 0).end().bytes(),
                        "record #0, libxl END: END without LIBXC_CONTEXT: the stream holds no domain"),
                bad("END inside a checkpoint", new StreamBuilder().libxlHeader(2, 0).record(LIBXC_CONTEXT, new byte[0])
                        .imageHeader(3, 0, 0).domainHeader(2, 12, 0).record(16, new byte[0]).record(14, new byte[0])
                        .end().bytes(), "END inside a checkpoint: the libxc CHECKPOINT has no CHECKPOINT_END"),
                bad("emulator for PV", withLibxc(1).record(EMULATOR_CONTEXT, emulator(s, 2, "ctx")).end().bytes(),
                        "EMULATOR_CONTEXT for an x86 PV guest, which has no emulator"),
                bad("second LIBXC_CONTEXT", hvm().record(LIBXC_CONTEXT, new byte[0]).bytes(),
                        "a second LIBXC_CONTEXT: the libxc stream was already read, and what follows cannot be framed"),
                bad("unknown mandatory", hvm().record(6, new byte[8]).end().bytes(),
                        "record #1, libxl 0x00000006: unknown mandatory record type 0x00000006"),
                bad("padding", hvm().record(EMULATOR_CONTEXT, 9, emulator(s, 2, "x"), new byte[] {0, 0, 9, 0, 0, 0, 0})
                        .end().bytes(), "libxl EMULATOR_CONTEXT: non-zero padding after the body: 00 00 09"),
                bad("octets after END", concat(golden, new byte[8]), "libxl: octets after END: at least 8 octets follow"),
                bad("libxc problems inside", new StreamBuilder().libxlHeader(2, 0).record(LIBXC_CONTEXT, new byte[0])
                        .imageHeader(3, 0, 0).domainHeader(2, 12, 0).end().end().bytes(),
                        "record #0, libxc END: END without STATIC_DATA_END"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCheckFailsWithItsMessage(String name, byte[] stream, String message) {
        assertThat(Verify.libxl(stream).messages()).anySatisfy(m -> assertThat(m).contains(message));
    }

    @Test
    void aCheckpointedStreamHandsOverAndBack() {
        StreamBuilder s = new StreamBuilder().libxlHeader(2, 0).record(LIBXC_CONTEXT, new byte[0]).imageHeader(3, 0, 0)
                .domainHeader(2, 12, 0).record(16, new byte[0]);
        s.record(1, concat(s.u32s(1, 0), s.u64s(5), new byte[4096])).record(14, new byte[0]); // libxc CHECKPOINT
        s.record(EMULATOR_CONTEXT, emulator(s, 2, "one")).record(CHECKPOINT_END, new byte[0]);
        s.record(1, concat(s.u32s(1, 0), s.u64s(6), new byte[4096])).record(14, new byte[0]);
        s.record(EMULATOR_CONTEXT, emulator(s, 2, "two")).record(CHECKPOINT_END, new byte[0]);
        s.end(); // libxc END
        s.end(); // libxl END
        Verify v = Verify.libxl(s.bytes());
        assertThat(v.messages()).isEmpty();
        assertThat(v.names()).containsExactly("libxl:LIBXC_CONTEXT", "libxc:STATIC_DATA_END", "libxc:PAGE_DATA",
                "libxc:CHECKPOINT", "libxl:EMULATOR_CONTEXT", "libxl:CHECKPOINT_END", "libxc:PAGE_DATA",
                "libxc:CHECKPOINT", "libxl:EMULATOR_CONTEXT", "libxl:CHECKPOINT_END", "libxc:END", "libxl:END");
    }
}

package dev.baton.xen.xenstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.GoldenHex;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every check of the reader, each with a stream that fails it and the message that says so. */
class XenstoreMalformedTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private static XenstoreSamples.Raw v2() {
        return new XenstoreSamples.Raw(2, LE);
    }

    private static XenstoreSamples.Body body() {
        return new XenstoreSamples.Body(LE);
    }

    /** CONNECTION_DATA with nothing in flight. */
    private static byte[] ring(long connId) {
        return body().u32(connId).u16(0).u16(0).u16(1).u16(0x7FF4).u32(3).u16(0).u16(0).u32(0).bytes();
    }

    private static byte[] node(long conn, long tx, String path, String value, int access, String... perms) {
        XenstoreSamples.Body b = body().u32(conn).u32(tx).u16(path.length() + 1).u16(value.length()).u16(access)
                .u16(perms.length);
        for (String p : perms) {
            b.u8(p.charAt(0)).u8(0).u16(Integer.parseInt(p.substring(1)));
        }
        return b.cstr(path).text(value).bytes();
    }

    private static byte[] watch(long conn, String path, String token) {
        return body().u32(conn).u16(path.length() + 1).u16(token.length() + 1).cstr(path).cstr(token).bytes();
    }

    private static byte[] root() {
        return node(0, 0, "/", "", 0, "n0");
    }

    private static Arguments bad(String name, byte[] stream, String message) {
        return Arguments.of(name, stream, message);
    }

    static Stream<Arguments> cases() {
        byte[] golden = GoldenHex.resource("/xen/xenstore-v2-le.hex");
        byte[] badIdent = golden.clone();
        badIdent[0] = 'X';
        byte[] badVersion = golden.clone();
        badVersion[11] = 3;
        byte[] zeroVersion = golden.clone();
        zeroVersion[11] = 0;
        byte[] badFlags = golden.clone();
        badFlags[14] = 1;
        return Stream.of(
                bad("not xenstore", badIdent, "not a xenstore stream: ident 58 65 6e 73 74 6f 72 65"),
                bad("empty", new byte[0], "not a xenstore stream: ident (none: the input is empty)"),
                bad("truncated header", Arrays.copyOf(golden, 12), "truncated header: the stream ends after 12 of 16"),
                bad("version 3", badVersion, "unsupported xenstore stream version 3 (this reader reads versions 1 to 2)"),
                bad("version 0", zeroVersion, "unsupported xenstore stream version 0"),
                bad("reserved flags", badFlags, "reserved flags bits set: 0x00000100"),
                bad("missing END", v2().record(1, body().u32(1).u32(2).bytes()).bytes(),
                        "offset 32, record #1: missing END: the stream ends after 1 record"),
                bad("truncated record header", v2().octets(new byte[] {1, 0, 0}).bytes(),
                        "truncated record header: the stream ends after 3 of 8 octets"),
                bad("len past the input", v2().record(1, 64, body().u32(1).u32(2).bytes()).bytes(),
                        "xenstore GLOBAL_DATA: len 64 runs past the end of the input: 8 octets follow"),
                bad("reserved type", v2().record(9, new byte[0]).end().bytes(),
                        "xenstore 0x00000009: reserved record type 0x00000009 (types 0 to 8 are defined)"),
                bad("WATCH_DATA_EXTENDED in v1", new XenstoreSamples.Raw(1, LE).record(8, new byte[16]).end().bytes(),
                        "WATCH_DATA_EXTENDED is not valid in a version 1 stream (it needs version 2)"),
                bad("short GLOBAL_DATA", v2().record(1, new byte[4]).end().bytes(),
                        "xenstore GLOBAL_DATA: the body of 4 octets is too short for GLOBAL_DATA's two fds"),
                bad("len beyond body and padding", v2().record(1, 16, new byte[16]).end().bytes(),
                        "len 16 is more than the body's 8 octets and their padding"),
                bad("END with a body", v2().record(0, 8, new byte[8]).bytes(),
                        "xenstore END: len 8 is more than the body's 0 octets and their padding"),
                bad("octets after END", v2().end().octets(new byte[] {1, 2, 3}).bytes(),
                        "octets after END: 3 octets follow END"),
                bad("conn-id 0", v2().record(2, ring(0)).end().bytes(), "conn-id is 0: a connection's id is non-zero"),
                bad("conn-type 2", v2().record(2, body().u32(1).u16(2).u16(0).u64(0).u64(0).bytes()).end().bytes(),
                        "conn-type 2 is reserved (0 shared ring, 1 socket)"),
                bad("unknown fields", v2().record(2, body().u32(1).u16(0).u16(2).u64(0).u64(0).bytes()).end().bytes(),
                        "unknown fields bits 0x0002: the fields they announce cannot be found"),
                bad("partial response longer than output",
                        v2().record(2, body().u32(1).u16(1).u16(0).u64(0).u16(0).u16(3).u32(2).text("ab").bytes())
                                .end().bytes(), "out-resp-len 3 exceeds out-data-len 2"),
                bad("data beyond len", v2().record(2, body().u32(1).u16(1).u16(0).u64(0).u16(4).u16(0).u32(0).text("ab")
                        .bytes()).end().bytes(), "is too short for in-data-len + out-data-len octets of data"),
                bad("unique-id missing", v2().record(2, body().u32(1).u16(0).u16(1).u64(0).u64(0).bytes()).end().bytes(),
                        "the body of 24 octets is too short for unique-id (8 octets at 24)"),
                bad("connection twice", v2().record(2, ring(1)).record(2, ring(1)).end().bytes(),
                        "record #1, xenstore CONNECTION_DATA: connection 1 appears twice"),
                bad("watch before its connection", v2().record(3, watch(4, "/a", "t")).end().bytes(),
                        "xenstore WATCH_DATA: watch of connection 4, which has no earlier CONNECTION_DATA"),
                bad("extended watch before its connection",
                        v2().record(8, body().u32(4).u16(3).u16(2).u16(0xFFFF).u16(0).cstr("/a").cstr("t").bytes())
                                .end().bytes(), "xenstore WATCH_DATA_EXTENDED: watch of connection 4, which has no"),
                bad("wpath-len 0", v2().record(2, ring(1)).record(3, body().u32(1).u16(0).u16(2).cstr("t").bytes())
                        .end().bytes(), "wpath length is 0, but it counts the string's NUL"),
                bad("wpath without its NUL", v2().record(2, ring(1))
                        .record(3, body().u32(1).u16(2).u16(2).text("/ab").cstr("").bytes()).end().bytes(),
                        "wpath does not end in a NUL (its length counts the NUL)"),
                bad("token with a NUL inside", v2().record(2, ring(1))
                        .record(3, body().u32(1).u16(3).u16(4).cstr("/a").cstr("t").cstr("u").bytes()).end().bytes(),
                        "token has a NUL at octet 1 of its 3"),
                bad("token not UTF-8", v2().record(2, ring(1))
                        .record(3, body().u32(1).u16(3).u16(2).cstr("/a").u8(0xC3).u8(0).bytes()).end().bytes(),
                        "token is not valid UTF-8"),
                bad("token beyond len", v2().record(2, ring(1)).record(3, body().u32(1).u16(3).u16(9).cstr("/a").cstr("t")
                        .bytes()).end().bytes(), "is too short for token (9 octets at 11)"),
                bad("transaction before its connection", v2().record(4, body().u32(5).u32(1).bytes()).end().bytes(),
                        "transaction of connection 5, which has no earlier CONNECTION_DATA"),
                bad("tx-id 0", v2().record(2, ring(1)).record(4, body().u32(1).u32(0).bytes()).end().bytes(),
                        "tx-id 0 is not a transaction (0 means none in the xenstore protocol)"),
                bad("transaction twice", v2().record(2, ring(1)).record(4, body().u32(1).u32(3).bytes())
                        .record(4, body().u32(1).u32(3).bytes()).end().bytes(),
                        "transaction 3 of connection 1 appears twice"),
                bad("bad perm letter", v2().record(5, node(0, 0, "/", "", 0, "x0")).end().bytes(),
                        "permission 0 has perm 0x78, not 'w', 'r', 'b' or 'n'"),
                bad("perms beyond len", v2().record(5, body().u32(0).u32(0).u16(2).u16(0).u16(0).u16(9).bytes()).end()
                        .bytes(), "the body of 16 octets is too short for 9 permissions"),
                bad("value beyond len", v2().record(5, body().u32(0).u32(0).u16(2).u16(5).u16(0).u16(1).u8('n').u8(0)
                        .u16(0).cstr("/").bytes()).end().bytes(), "is too short for value-len octets of value"),
                bad("relative path", v2().record(5, node(0, 0, "local", "", 0, "n0")).end().bytes(),
                        "path local is not absolute (a node path starts with /)"),
                bad("trailing slash", v2().record(5, node(0, 0, "/local/", "", 0, "n0")).end().bytes(),
                        "path /local/ ends with /"),
                bad("empty element", v2().record(5, node(0, 0, "/a//b", "", 0, "n0")).end().bytes(),
                        "path /a//b has an empty element (//)"),
                bad("committed without owner", v2().record(5, node(0, 0, "/a", "", 0)).end().bytes(),
                        "committed node /a has no permissions (the first names its owner)"),
                bad("parent later", v2().record(5, node(0, 0, "/a/b", "", 0, "n0")).record(5, node(0, 0, "/a", "", 0, "n0"))
                        .end().bytes(), "record #0, xenstore NODE_DATA: parent /a of committed node /a/b has not appeared"),
                bad("node twice", v2().record(5, root()).record(5, node(0, 0, "/a", "", 0, "n0"))
                        .record(5, node(0, 0, "/a", "", 0, "n0")).end().bytes(), "committed node /a appears twice"),
                bad("pending node without connection", v2().record(5, node(3, 1, "/a", "x", 2, "n0")).end().bytes(),
                        "node /a belongs to connection 3, which has no earlier CONNECTION_DATA"),
                bad("pending node without transaction", v2().record(2, ring(3)).record(5, node(3, 1, "/a", "x", 2, "n0"))
                        .end().bytes(), "node /a belongs to transaction 1 of connection 3, which has no earlier "
                        + "TRANSACTION_DATA"),
                bad("unknown access bits", v2().record(2, ring(3)).record(4, body().u32(3).u32(1).bytes())
                        .record(5, node(3, 1, "/a", "x", 6, "n0")).end().bytes(),
                        "access 0x0006 has bits other than read (0x1) and written (0x2)"),
                bad("deleted with permissions", v2().record(2, ring(3)).record(4, body().u32(3).u32(1).bytes())
                        .record(5, node(3, 1, "/a", "", 0, "n0")).end().bytes(),
                        "node /a is deleted in its transaction (access 0) but has 1 permission"),
                bad("no permissions but not deleted", v2().record(2, ring(3)).record(4, body().u32(3).u32(1).bytes())
                        .record(5, node(3, 1, "/a", "", 1)).end().bytes(),
                        "node /a has no permissions but its access is not 0 (deleted)"),
                bad("deleted with a value", v2().record(2, ring(3)).record(4, body().u32(3).u32(1).bytes())
                        .record(5, node(3, 1, "/a", "xy", 0)).end().bytes(),
                        "node /a is deleted in its transaction but has a value of 2 octets"),
                bad("quota values beyond len", v2().record(6, body().u16(2).u16(1).u32(1).bytes()).end().bytes(),
                        "the body of 8 octets is too short for 3 quota values"),
                bad("quota name without NUL", v2().record(6, body().u16(1).u16(0).u32(1).text("nodes").bytes()).end()
                        .bytes(), "quota name 0 has no NUL before the end of the body"),
                bad("empty quota name", v2().record(6, body().u16(1).u16(0).u32(1).u8(0).bytes()).end().bytes(),
                        "quota name 0 is empty"),
                bad("domain quota name missing", v2().record(7, body().u16(1).u16(2).u32(0).u32(1).u32(2).cstr("a")
                        .bytes()).end().bytes(), "quota name 1 has no NUL before the end of the body"),
                bad("domain twice", v2().record(7, body().u16(1).u16(0).u32(0).bytes())
                        .record(7, body().u16(1).u16(0).u32(0).bytes()).end().bytes(),
                        "domain 1 has a second DOMAIN_DATA (at most one per domain)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCheckFailsWithItsMessage(String name, byte[] stream, String message) {
        assertThatThrownBy(() -> XenstoreImage.read(stream)).isInstanceOf(StreamFormatException.class)
                .hasMessageContaining(message);
    }

    @Test
    void errorsSayOffsetRecordAndType() {
        byte[] stream = v2().record(5, root()).record(1, new byte[4]).end().bytes();
        assertThatThrownBy(() -> XenstoreImage.read(stream)).isInstanceOfSatisfying(StreamFormatException.class, e -> {
            assertThat(e.recordIndex()).isEqualTo(1);
            assertThat(e.context()).isEqualTo("xenstore GLOBAL_DATA");
            assertThat(e.offset()).isEqualTo(16 + 8 + 24 + 8);
            assertThat(e.getMessage()).isEqualTo("offset 56, record #1, xenstore GLOBAL_DATA: the body of 4 octets is "
                    + "too short for GLOBAL_DATA's two fds (8 octets at 0)");
        });
    }

    @Test
    void aLengthBeyondTheLimitIsRefusedBeforeAnythingIsRead() {
        byte[] stream = v2().record(2, 1 << 30, new byte[0]).bytes();
        WireInput in = WireInput.of(new ByteArrayInputStream(stream)); // size unknown: only the limit protects
        assertThatThrownBy(() -> XenstoreReader.open(in, XenstoreReadOptions.defaults()).next())
                .hasMessageContaining("len 1073741824 exceeds the limit of 67108864 octets");
    }

    @Test
    void aTruncatedBodyOnAPipeIsNamed() {
        byte[] stream = Arrays.copyOf(GoldenHex.resource("/xen/xenstore-v2-le.hex"), 40);
        WireInput in = WireInput.of(new ByteArrayInputStream(stream));
        assertThatThrownBy(() -> {
            try (XenstoreReader r = XenstoreReader.open(in, XenstoreReadOptions.defaults())) {
                r.readAll();
            }
        }).hasMessageContaining("offset 40, record #1, xenstore GLOBAL_QUOTA_DATA: truncated record body");
    }

    @Test
    void withASinkEveryProblemIsCollectedAndReadingGoesOn() throws IOException {
        byte[] stream = v2().record(9, new byte[3]).record(5, node(0, 0, "/a/b", "v", 0, "n0"))
                .record(3, watch(8, "/x", "t")).record(1, new byte[8]).end().bytes();
        List<StreamFormatException> problems = new ArrayList<>();
        List<XenstoreRecord> records;
        try (XenstoreReader r = XenstoreReader.open(WireInput.of(ByteBuffer.wrap(stream)),
                XenstoreReadOptions.defaults().withProblems(Problems.collect(problems::add)))) {
            records = r.readAll();
            r.expectEndOfInput();
        }
        assertThat(problems).extracting(StreamFormatException::problem).containsExactly(
                "reserved record type 0x00000009 (types 0 to 8 are defined)",
                "parent /a of committed node /a/b has not appeared earlier in the stream",
                "watch of connection 8, which has no earlier CONNECTION_DATA");
        // the refused record is skipped; records with order problems are still returned
        assertThat(records).extracting(XenstoreRecord::type).containsExactly(XenstoreRecordType.NODE_DATA,
                XenstoreRecordType.WATCH_DATA, XenstoreRecordType.GLOBAL_DATA);
    }

    @Test
    void knownNodesLetAMigrationStreamStartBelowTheRoot() throws IOException {
        byte[] stream = v2().record(5, node(0, 0, "/local/domain/5", "", 0, "n5")).end().bytes();
        assertThatThrownBy(() -> XenstoreImage.read(stream)).hasMessageContaining("parent /local/domain of");
        try (XenstoreReader r = XenstoreReader.open(WireInput.of(ByteBuffer.wrap(stream)),
                XenstoreReadOptions.defaults().withKnownNodes(Set.of("/", "/local", "/local/domain")))) {
            assertThat(r.readAll()).hasSize(1);
        }
    }

    @Test
    void version1IgnoresDomainFeaturesAndPaddingContents() throws IOException {
        byte[] stream = new XenstoreSamples.Raw(1, LE).record(7, body().u16(4).u16(1).u32(0xFF).u32(9).cstr("a")
                .bytes()).end().bytes();
        stream[16 + 8 + 14] = 0x5A; // a padding octet after the 14-octet body
        XenstoreImage image = XenstoreImage.read(stream);
        assertThat(image.records()).singleElement().isEqualTo(new DomainData(4, 0, List.of(new Quota("a", 9))));
        stream[16 + 8 + 14] = 0;
        stream[16 + 8 + 4] = 0; // features: written as zero in version 1
        assertThat(image.toBytes()).isEqualTo(stream);
    }
}

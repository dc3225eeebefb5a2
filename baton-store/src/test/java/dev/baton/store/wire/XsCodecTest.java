package dev.baton.store.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.core.wire.StreamFormatException;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wire codec on the octets real clients send and expect: the request below is what Debian's
 * {@code xenstore-read /a/b} sent to a socket (captured), the reply what it printed
 * {@code hello} for.
 */
class XsCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    /** {@code xenstore-read /a/b}: XS_READ, request 0, no transaction, 5 octets, "/a/b\0". */
    private static final byte[] XENSTORE_READ = HEX.parseHex("02000000" + "00000000" + "00000000" + "05000000"
            + "2f612f6200");
    /** Its reply: XS_READ, request 0, no transaction, 5 octets, "hello" (no NUL). */
    private static final byte[] HELLO = HEX.parseHex("02000000" + "00000000" + "00000000" + "05000000"
            + "68656c6c6f");

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN,
                "the golden octets are a little-endian host's (headers are in the host's order)");
    }

    private static XsMessage one(byte[] octets) throws IOException {
        XsMessageReader r = new XsMessageReader(new ByteArrayInputStream(octets));
        XsMessage m = r.next();
        assertThat(r.next()).isNull();
        return m;
    }

    private static List<String> tokens(XsMessage m) {
        return XsRequest.tokens(m, 0).stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void xenstoreReadsRequestIsAReadOfItsPath() throws IOException {
        XsMessage m = one(XENSTORE_READ);
        assertThat(m).isEqualTo(XsMessage.of(XsType.READ, 0, 0, "/a/b"));
        assertThat(m.encode()).isEqualTo(XENSTORE_READ);
        assertThat(tokens(m)).containsExactly("READ", "/a/b");
    }

    @Test
    void aReadIsAnsweredWithTheValueAloneEchoingTheHeader() throws IOException {
        XsMessage request = one(XENSTORE_READ);
        assertThat(XsReply.to(request, "OK \"hello\"").encode()).isEqualTo(HELLO);
        XsMessage withIds = new XsMessage(XsType.READ.number(), 0x01020304, 7, request.payload());
        assertThat(XsReply.to(withIds, "OK \"a\\x00b\"").encode()).isEqualTo(HEX.parseHex(
                "02000000" + "04030201" + "07000000" + "03000000" + "610062"));
    }

    @Test
    void repliesByTypeAsXenstoredSendsThem() {
        XsMessage dir = XsMessage.of(XsType.DIRECTORY, 1, 0, "/a");
        assertThat(XsReply.to(dir, "OK b c").payload()).isEqualTo("b\0c\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(XsReply.to(dir, "OK").payload()).isEmpty();
        XsMessage perms = XsMessage.of(XsType.GET_PERMS, 1, 0, "/a");
        assertThat(XsReply.to(perms, "OK r5 w7").payload()).isEqualTo("r5\0w7\0".getBytes(StandardCharsets.US_ASCII));
        XsMessage start = XsMessage.of(XsType.TRANSACTION_START, 1, 0, "");
        assertThat(XsReply.to(start, "OK 12").payload()).isEqualTo("12\0".getBytes(StandardCharsets.US_ASCII));
        XsMessage write = new XsMessage(XsType.WRITE.number(), 9, 12, "/a\0v".getBytes(StandardCharsets.US_ASCII));
        assertThat(XsReply.to(write, "OK").encode()).isEqualTo(HEX.parseHex(
                "0b000000" + "09000000" + "0c000000" + "03000000" + "4f4b00"));
    }

    @Test
    void refusalsAreXsErrorWithTheErrorsName() {
        XsMessage read = XsMessage.of(XsType.READ, 3, 0, "/nope");
        assertThat(XsReply.to(read, "ERR ENOENT no node /nope").encode()).isEqualTo(HEX.parseHex(
                "10000000" + "03000000" + "00000000" + "07000000" + "454e4f454e5400"));
        assertThat(XsReply.to(read, "ERR EQUOTA domain 0 would own more than 10 nodes").payload())
                .isEqualTo("ENOSPC\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(XsReply.to(read, "ERR ESTALE gone").payload()).isEqualTo("EIO\0".getBytes(StandardCharsets.US_ASCII));
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(XsReply.ERROR_NAMES).contains(XsReply.errorName(c.name()));
        }
    }

    @Test
    void aWatchEventCarriesPathAndTokenWithRequestIdZero() {
        assertThat(XsReply.event("EVENT /a/b \"my token\"").encode()).isEqualTo(HEX.parseHex(
                "0f000000" + "00000000" + "00000000" + "0e000000" + "2f612f6200" + "6d7920746f6b656e00"));
        assertThat(XsReply.isEvent("EVENT /a t")).isTrue();
        assertThat(XsReply.isEvent("OK \"EVENT\"")).isFalse();
    }

    @Test
    void requestsBecomeTheCommandTablesRequests() {
        byte[] write = "/a\0v\0w".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(tokens(new XsMessage(XsType.WRITE.number(), 1, 5, write))).containsExactly("T5", "WRITE", "/a",
                "v\0w");
        assertThat(tokens(new XsMessage(XsType.WRITE.number(), 1, 0, "/a\0".getBytes(StandardCharsets.US_ASCII))))
                .containsExactly("WRITE", "/a", "");
        assertThat(tokens(XsMessage.of(XsType.SET_PERMS, 1, 0, "/a", "n0", "r5"))).containsExactly("SET_PERMS", "/a",
                "n0", "r5");
        assertThat(tokens(XsMessage.of(XsType.TRANSACTION_START, 1, 0, ""))).containsExactly("TRANSACTION_START");
        assertThat(tokens(XsMessage.of(XsType.TRANSACTION_END, 1, 4, "T"))).containsExactly("T4", "TRANSACTION_END",
                "COMMIT");
        assertThat(tokens(XsMessage.of(XsType.TRANSACTION_END, 1, 4, "F"))).containsExactly("T4", "TRANSACTION_END",
                "ABORT");
        // a watch is the connection's: the header's transaction does not matter (XS_FLAG_NOTID)
        assertThat(tokens(XsMessage.of(XsType.WATCH, 1, 4, "@introduceDomain", "tok"))).containsExactly("WATCH",
                "@introduceDomain", "tok");
        assertThat(tokens(XsMessage.of(XsType.READ, 1, 0, "device/vif"))).containsExactly("READ",
                "/local/domain/0/device/vif");
        assertThat(XsRequest.tokens(XsMessage.of(XsType.MKDIR, 1, 0, "x"), 7).get(1))
                .isEqualTo("/local/domain/7/x".getBytes(StandardCharsets.US_ASCII));
        assertThat(XsRequest.domid(XsMessage.of(XsType.GET_DOMAIN_PATH, 1, 0, "65535"))).isEqualTo(65535);
    }

    @Test
    void payloadsWithoutTheirArgumentsAreEinval() {
        assertThatThrownBy(() -> XsRequest.tokens(new XsMessage(XsType.READ.number(), 1, 0,
                "/a".getBytes(StandardCharsets.US_ASCII)), 0)).isInstanceOf(StoreException.class)
                .hasMessage("EINVAL: XS_READ takes NUL-terminated arguments (the last one has no NUL)");
        assertThatThrownBy(() -> XsRequest.tokens(XsMessage.of(XsType.READ, 1, 0, "/a", "/b"), 0))
                .hasMessage("EINVAL: XS_READ takes 1 NUL-terminated arguments, not 2");
        assertThatThrownBy(() -> XsRequest.tokens(XsMessage.of(XsType.WATCH, 1, 0, "/a"), 0))
                .hasMessage("EINVAL: XS_WATCH takes 2 NUL-terminated arguments, not 1");
        assertThatThrownBy(() -> XsRequest.tokens(XsMessage.of(XsType.SET_PERMS, 1, 0, "/a"), 0))
                .hasMessage("EINVAL: XS_SET_PERMS takes 2 or more NUL-terminated arguments, not 1");
        assertThatThrownBy(() -> XsRequest.tokens(new XsMessage(XsType.WRITE.number(), 1, 0,
                "/a".getBytes(StandardCharsets.US_ASCII)), 0))
                .hasMessage("EINVAL: XS_WRITE takes a path and a NUL, then the value");
        assertThatThrownBy(() -> XsRequest.tokens(XsMessage.of(XsType.TRANSACTION_END, 1, 4, "Y"), 0))
                .hasMessage("EINVAL: XS_TRANSACTION_END takes T (commit) or F (abort)");
        assertThatThrownBy(() -> XsRequest.tokens(XsMessage.of(XsType.TRANSACTION_END, 1, 0, "T"), 0))
                .hasMessage("ENOENT: XS_TRANSACTION_END outside a transaction");
        assertThatThrownBy(() -> XsRequest.domid(XsMessage.of(XsType.GET_DOMAIN_PATH, 1, 0, "65536")))
                .hasMessage("EINVAL: XS_GET_DOMAIN_PATH takes a domain id of 0 to 65535");
        assertThatThrownBy(() -> XsRequest.domid(XsMessage.of(XsType.GET_DOMAIN_PATH, 1, 0, "-1")))
                .hasMessage("EINVAL: XS_GET_DOMAIN_PATH takes a domain id (a decimal number)");
    }

    @Test
    void aLengthAboveTheLimitFailsBeforeThePayloadIsReadOrMade() {
        byte[] header = HEX.parseHex("02000000" + "00000000" + "00000000" + "ffffffff");
        // the reader must not read past the header: this stream fails the test if it does
        InputStream onlyTheHeader = new InputStream() {
            int at;

            @Override
            public int read() {
                if (at >= header.length) {
                    throw new AssertionError("read past the header");
                }
                return header[at++] & 0xFF;
            }
        };
        assertThatThrownBy(() -> new XsMessageReader(onlyTheHeader).next()).isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("payload length 4294967295 is above 4096")
                .hasMessageContaining("XS_READ")
                .satisfies(e -> assertThat(((StreamFormatException) e).offset()).isEqualTo(12));
        byte[] max = HEX.parseHex("0b000000" + "00000000" + "00000000" + "00100000");
        assertThatThrownBy(() -> new XsMessageReader(new ByteArrayInputStream(max)).next())
                .hasMessageContaining("the stream ends 0 octets into a payload of 4096");
    }

    @Test
    void aStreamCutInsideAMessageSaysWhere() throws IOException {
        byte[] two = new byte[XENSTORE_READ.length * 2 - 3];
        System.arraycopy(XENSTORE_READ, 0, two, 0, XENSTORE_READ.length);
        System.arraycopy(XENSTORE_READ, 0, two, XENSTORE_READ.length, XENSTORE_READ.length - 3);
        XsMessageReader r = new XsMessageReader(new ByteArrayInputStream(two));
        assertThat(r.next()).isEqualTo(XsMessage.of(XsType.READ, 0, 0, "/a/b"));
        assertThat(r.offset()).isEqualTo(21);
        assertThatThrownBy(r::next).isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("the stream ends 2 octets into a payload of 5")
                .satisfies(e -> assertThat(((StreamFormatException) e).offset()).isEqualTo(39));
        assertThatThrownBy(() -> new XsMessageReader(new ByteArrayInputStream(new byte[10])).next())
                .hasMessageContaining("the stream ends 10 octets into a message header");
    }

    @Test
    void typesHaveXensNumbers() {
        assertThat(XsType.of(0)).isEqualTo(XsType.CONTROL);
        assertThat(XsType.of(15)).isEqualTo(XsType.WATCH_EVENT);
        assertThat(XsType.of(20)).isNull(); // XS_RESTRICT, removed
        assertThat(XsType.of(21)).isEqualTo(XsType.RESET_WATCHES);
        assertThat(XsType.of(26)).isEqualTo(XsType.SET_QUOTA);
        assertThat(XsType.of(27)).isNull();
        assertThat(XsType.of(-1)).isNull();
        assertThat(XsType.name(99)).isEqualTo("99");
    }
}

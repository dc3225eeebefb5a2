package dev.baton.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.store.client.StoreClient;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.quota.Quota;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.Perm;
import dev.baton.store.wire.XsMessage;
import dev.baton.store.wire.XsMessageReader;
import dev.baton.store.wire.XsType;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile clients of xenstore's wire protocol (issue 18; the table is in docs/RELIABILITY.md,
 * "Attacks"): each is refused as xenstored refuses it, and nothing changes: the tree reads the
 * same, a client connected throughout is served throughout, and a new one is served after.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a dropped connection that was not dropped would read for ever
class HostileWireClientsTest {
    @TempDir
    Path tmp;
    private StoreFixture f;
    private WireServer wire;
    /** A client connected before each attack and used after it: the others are unaffected. */
    private Wire bystander;

    @BeforeEach
    void start() throws IOException {
        f = new StoreFixture();
        wire = WireServer.start(f.store, tmp.resolve("socket"));
        bystander = new Wire(wire.path());
        bystander.write("/vm/1/name", "alpha");
        bystander.write("/vm/2/name", "beta");
    }

    @AfterEach
    void stop() throws IOException {
        bystander.close();
        wire.close();
        f.close();
    }

    /** The tree under /vm, as a new wire client reads it; and the bystander still reads it the same. */
    private List<String> tree() throws IOException {
        List<String> out = new ArrayList<>();
        try (Wire w = new Wire(wire.path())) {
            walk(w, "/vm", out);
        }
        List<String> seen = new ArrayList<>();
        walk(bystander, "/vm", seen);
        assertThat(seen).as("what the client connected throughout reads").isEqualTo(out);
        return out;
    }

    private static void walk(Wire w, String path, List<String> out) throws IOException {
        out.add(path + " = " + w.read(path));
        XsMessage d = w.call(XsMessage.of(XsType.DIRECTORY, 0, 0, path));
        for (String child : strings(d.payload())) {
            walk(w, path + "/" + child, out);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4097, 65536, 0x7FFF_FFFFL, 0xFFFF_FFFFL})
    void aLengthAbove4096DropsTheConnectionBeforeItsPayloadIsRead(long length) throws IOException {
        List<String> before = tree();
        try (Wire attacker = new Wire(wire.path())) {
            // the header alone: a server that waited for (or allocated) the payload would not answer at all
            ByteBuffer h = ByteBuffer.allocate(XsMessage.HEADER).order(XsMessage.ORDER);
            h.putInt(XsType.WRITE.number()).putInt(1).putInt(0).putInt((int) length);
            attacker.send(h.array());
            assertThat(attacker.in.read()).as("dropped").isEqualTo(-1);
        }
        assertThat(tree()).isEqualTo(before).contains("/vm/1/name = alpha");
        bystander.write("/vm/3", "gamma");
        assertThat(bystander.read("/vm/3")).isEqualTo("gamma");
    }

    @Test
    void payloadsWithoutTheirNulsOrArgumentsAreRefusedWithEinvalAndWriteNothing() throws IOException {
        List<String> before = tree();
        try (Wire attacker = new Wire(wire.path())) {
            byte[] noNul = "/vm/1/name".getBytes(StandardCharsets.US_ASCII); // a path and no NUL, then no value
            assertThat(attacker.error(new XsMessage(XsType.WRITE.number(), 1, 0, noNul))).isEqualTo("EINVAL");
            assertThat(attacker.error(new XsMessage(XsType.WRITE.number(), 2, 0, new byte[0]))).isEqualTo("EINVAL");
            assertThat(attacker.error(new XsMessage(XsType.MKDIR.number(), 3, 0, noNul))).isEqualTo("EINVAL");
            assertThat(attacker.error(new XsMessage(XsType.RM.number(), 4, 0, noNul))).isEqualTo("EINVAL");
            assertThat(attacker.error(XsMessage.of(XsType.WATCH, 5, 0, "/vm"))).isEqualTo("EINVAL");
            assertThat(attacker.error(XsMessage.of(XsType.SET_PERMS, 6, 0, "/vm/1/name"))).isEqualTo("EINVAL");
            assertThat(attacker.error(XsMessage.of(XsType.READ, 7, 0, "/vm/1/name", "/vm/2/name")))
                    .isEqualTo("EINVAL");
            // refused requests do not cost the connection: xenstored answers them and reads on
            assertThat(attacker.read("/vm/1/name")).isEqualTo("alpha");
        }
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void aTransactionIdNeverStartedEndedOrAnotherConnectionsIsEnoentAndWritesNothing() throws IOException {
        List<String> before = tree();
        try (Wire owner = new Wire(wire.path()); Wire attacker = new Wire(wire.path())) {
            assertThat(attacker.error(write(1, 77, "/vm/1/name", "evil"))).as("never started").isEqualTo("ENOENT");
            assertThat(attacker.error(XsMessage.of(XsType.TRANSACTION_END, 2, 77, "T"))).isEqualTo("ENOENT");
            assertThat(attacker.error(XsMessage.of(XsType.TRANSACTION_END, 3, 0, "T"))).as("none named")
                    .isEqualTo("ENOENT");

            int tid = Integer.parseInt(strings(owner.call(XsMessage.of(XsType.TRANSACTION_START, 1, 0, ""))
                    .payload()).get(0));
            assertThat(attacker.error(write(4, tid, "/vm/1/name", "evil"))).as("another connection's")
                    .isEqualTo("ENOENT");
            assertThat(attacker.error(XsMessage.of(XsType.TRANSACTION_END, 5, tid, "T"))).isEqualTo("ENOENT");
            assertThat(owner.call(XsMessage.of(XsType.TRANSACTION_END, 2, tid, "F")).type())
                    .isEqualTo(XsType.TRANSACTION_END.number());
            assertThat(owner.error(write(3, tid, "/vm/1/name", "evil"))).as("ended").isEqualTo("ENOENT");
            assertThat(owner.error(XsMessage.of(XsType.TRANSACTION_END, 4, tid, "T"))).isEqualTo("ENOENT");
        }
        assertThat(tree()).isEqualTo(before).contains("/vm/1/name = alpha");
    }

    /**
     * A client that registers a watch and never reads while many events fire: its queued output is
     * bounded by the output quota (docs/STORE.md, "Quotas"), which binds domain 0 too; past it, the
     * store drops the connection and its queue. The client that fires them is answered every time.
     */
    @Test
    void aClientThatNeverReadsItsEventsIsDroppedAtTheOutputQuota() throws IOException {
        f.store.quotas().setGlobal(Quota.OUTPUT, 64);
        List<String> before = tree();
        String token = "t".repeat(3000); // large events fill the socket's buffers soon
        int writes = 2000;
        try (Wire sleeper = new Wire(wire.path()); Wire writer = new Wire(wire.path())) {
            sleeper.call(XsMessage.of(XsType.WATCH, 1, 0, "/flood", token)); // registered before the flood
            for (int i = 0; i < writes; i++) {
                writer.write("/flood", Integer.toString(i));
            }
            // what the socket buffered reaches the sleeper, then the end of the stream (a connection the
            // store kept would make this read wait for ever): the rest was never queued
            int messages = 0;
            XsMessageReader r = new XsMessageReader(sleeper.in);
            while (r.next() != null) {
                messages++;
            }
            assertThat(messages).as("the watch's answer and the events it was sent before it was dropped")
                    .isLessThan(writes);
            assertThat(writer.read("/flood")).isEqualTo(Integer.toString(writes - 1));
        }
        assertThat(tree()).isEqualTo(before);
    }

    /** The same on the line protocol: a client's unwritten lines past the output quota drop it. */
    @Test
    void aLineClientThatNeverReadsItsEventsIsDroppedAtTheOutputQuotaToo() throws IOException {
        f.store.quotas().setGlobal(Quota.OUTPUT, 64);
        List<String> before = tree();
        int writes = 2000;
        StoreClient writer = f.client(0);
        try (Raw sleeper = Raw.hello(f.server, 0)) {
            assertThat(sleeper.ask("WATCH /flood " + "t".repeat(3000))).isEqualTo("OK");
            for (int i = 0; i < writes; i++) {
                writer.write("/flood", Integer.toString(i));
            }
            int lines = 0;
            while (sleeper.line() != null) { // a connection the store kept would time out here (5 s)
                lines++;
            }
            assertThat(lines).as("the events it was sent before it was dropped").isLessThan(writes);
        }
        assertThat(writer.readString("/flood")).isEqualTo(Integer.toString(writes - 1));
        assertThat(tree()).isEqualTo(before);
    }

    /**
     * An unprivileged domain (the line protocol) that registers watches past its quota is refused
     * with EQUOTA (the wire would say ENOSPC; xenstored's E2BIG), its earlier watches fire on, and
     * other clients are not affected. A wire client is domain 0, which xenstored exempts from the
     * watch quota as the store does; its flood is bounded by the output quota instead (above).
     */
    @Test
    void aGuestsWatchFloodStopsAtItsQuotaAndItsWatchesFireOn() throws Exception {
        StoreClient dom0 = f.client(0);
        dom0.mkdir("/local/domain/4");
        dom0.setPerms("/local/domain/4", List.of(new Perm(4, Access.NONE)));
        StoreClient guest = f.client(4);
        long quota = guest.getQuota(Quota.WATCHES.key());
        for (int i = 0; i < quota; i++) {
            guest.watch("/local/domain/4/w" + i, "t" + i);
        }
        StoreFixture.events(guest, (int) quota); // each fires once as it is registered
        for (int i = 0; i < 10; i++) {
            String path = "/local/domain/4/past" + i;
            assertThatThrownBy(() -> guest.watch(path, "x")).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("EQUOTA");
        }
        List<String> before = tree();
        bystander.write("/local/domain/4/w7", "fired");
        assertThat(StoreFixture.events(guest, 1)).extracting(e -> e.token()).containsExactly("t7");
        dom0.watch("/vm", "mine");
        assertThat(StoreFixture.events(dom0, 1)).extracting(e -> e.token()).containsExactly("mine");
        assertThat(tree()).isEqualTo(before);
    }

    private static XsMessage write(int requestId, int tid, String path, String value) {
        byte[] p = (path + "\0" + value).getBytes(StandardCharsets.UTF_8);
        return new XsMessage(XsType.WRITE.number(), requestId, tid, p);
    }

    /** The NUL-terminated strings of a payload. */
    private static List<String> strings(byte[] payload) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == 0) {
                out.add(new String(payload, from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        return out;
    }

    /** A raw client of the wire socket: messages as octets, one answer read at a time. */
    private static final class Wire implements AutoCloseable {
        final SocketChannel ch;
        final java.io.InputStream in;
        private final XsMessageReader reader;
        private int requestId = 1000;

        Wire(Path socket) throws IOException {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            in = Channels.newInputStream(ch);
            reader = new XsMessageReader(in);
        }

        void send(byte[] octets) throws IOException {
            ch.write(ByteBuffer.wrap(octets));
        }

        /** Sends {@code m} and returns its answer, skipping watch events. */
        XsMessage call(XsMessage m) throws IOException {
            send(m.encode());
            while (true) {
                XsMessage a = reader.next();
                if (a == null) {
                    throw new IOException("the store closed the connection");
                }
                if (a.type() != XsType.WATCH_EVENT.number()) {
                    assertThat(a.requestId()).isEqualTo(m.requestId());
                    return a;
                }
            }
        }

        /** Sends {@code m}, which must be refused: the error's name. */
        String error(XsMessage m) throws IOException {
            XsMessage a = call(m);
            assertThat(a.type()).as("refused: " + m).isEqualTo(XsType.ERROR.number());
            return strings(a.payload()).get(0);
        }

        String read(String path) throws IOException {
            XsMessage a = call(XsMessage.of(XsType.READ, ++requestId, 0, path));
            assertThat(a.type()).as("read " + path).isEqualTo(XsType.READ.number());
            return new String(a.payload(), StandardCharsets.UTF_8);
        }

        void write(String path, String value) throws IOException {
            assertThat(call(HostileWireClientsTest.write(++requestId, 0, path, value)).type())
                    .isEqualTo(XsType.WRITE.number());
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}

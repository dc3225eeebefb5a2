package dev.baton.store.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.store.wire.XsMessage;
import dev.baton.store.wire.XsMessageReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * xenstore's wire protocol on any octets, as a client on the store's Unix socket sends them:
 * messages are read one after another and each runs against a real store (through the command
 * table, or answered by the wire server), and every line the store queues is turned into the
 * message the socket would carry. Only {@link StreamFormatException} (framing: a stream cut
 * inside a message, a length above 4096) may come out; refusals are answers, not exceptions.
 */
class XsWireFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void requests(byte[] input) throws IOException, InterruptedException {
        Store store = new Store();
        Connection.Attachment att = new Connection.Attachment(() -> { });
        Connection c = store.openWire(att);
        XsMessageReader reader = new XsMessageReader(new ByteArrayInputStream(input));
        ArrayDeque<XsMessage> waiting = new ArrayDeque<>();
        try {
            for (int i = 0; i < 64; i++) {
                XsMessage m = reader.next();
                if (m == null) {
                    break;
                }
                waiting.addLast(m);
                if (WireServer.dispatch(store, c, att, m) == Store.Outcome.CLOSE) {
                    break;
                }
                if (c.pendingLines() > 0) {
                    List<String> lines = c.take(att, Integer.MAX_VALUE, 0);
                    c.forgetWritten();
                    for (String line : lines) {
                        WireServer.outgoing(line, waiting::pollFirst).encode();
                    }
                }
            }
        } catch (StreamFormatException expected) {
            // a broken frame: the server drops the connection
        } finally {
            store.closeWire(c);
        }
    }
}

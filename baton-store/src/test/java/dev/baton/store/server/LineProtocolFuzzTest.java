package dev.baton.store.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.baton.store.protocol.LineReader;
import dev.baton.store.protocol.Tokens;
import dev.baton.store.quota.Quota;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * The line protocol on any octets, as a client on the store's TCP port sends them: lines read by
 * the server's bounded {@link LineReader}, the first ones until a handshake succeeds, the rest as
 * requests through the command table, against a fresh store of each release with small quotas
 * (so that the fuzzer reaches them). Whatever comes, nothing may throw (refusals are
 * {@code ERR} replies); the reader never holds more than its limit; every request gets exactly
 * one reply (an accepted {@code ACK} none), in order among the watch events; a line that is too
 * long gets {@code ERR E2BIG}.
 */
class LineProtocolFuzzTest {
    /**
     * The line limit of this target: the server's is {@link Store#MAX_LINE}, beyond the inputs a
     * campaign makes, so the target sets a small one to make its too-long path reachable.
     */
    private static final int LIMIT = 256;
    /** Lines of one input that run; the rest are ignored. */
    private static final int MAX_LINES = 128;

    @FuzzTest(maxDuration = "30s")
    void session(byte[] input) throws IOException, InterruptedException {
        for (Release release : Release.values()) {
            run(release, input);
        }
    }

    private static void run(Release release, byte[] input) throws IOException, InterruptedException {
        Store store = new Store(release, java.time.Duration.ofSeconds(30));
        store.quotas().setGlobal(Quota.NODES, 16);
        store.quotas().setGlobal(Quota.VALUE_SIZE, 64);
        store.quotas().setGlobal(Quota.PERMS, 3);
        store.quotas().setGlobal(Quota.WATCHES, 4);
        store.quotas().setGlobal(Quota.TRANSACTIONS, 2);
        store.quotas().setGlobal(Quota.OUTPUT, 16);
        Connection.Attachment att = new Connection.Attachment(() -> { });
        LineReader in = new LineReader(new ByteArrayInputStream(input), LIMIT);
        Connection c = null;
        for (int n = 0; n < MAX_LINES && in.next(); n++) {
            if (in.length() > LIMIT || in.line().length > LIMIT) {
                throw new AssertionError("the line reader holds " + in.line().length + " octets, above its limit " + LIMIT);
            }
            if (c == null) {
                Store.Handshake h = store.handshake(in.line(), in.length(), in.tooLong(), att, new ClientTrust.Peer.Claimed(null));
                expectReply(h.reply(), in.tooLong());
                if ((h.connection() == null) == (h.reply().startsWith("WELCOME ") || h.reply().startsWith("RESUMED "))) {
                    throw new AssertionError("handshake answered " + h.reply() + " with connection " + h.connection());
                }
                c = h.connection();
                continue;
            }
            boolean ack = isAck(in);
            Store.Outcome outcome = store.request(c, att, in.line(), in.length(), in.tooLong());
            if (c.closed()) {
                // BYE, or output beyond the quota: the connection is gone, whatever was queued
                if (outcome != Store.Outcome.CLOSE) {
                    throw new AssertionError("a closed connection but the server reads on");
                }
                return;
            }
            List<String> out = c.pendingLines() == 0 ? List.of()
                    : c.take(att, Integer.MAX_VALUE, store.quotas().limit(Quota.OUTPUT, c.domid()));
            List<String> replies = out.stream().filter(l -> !l.startsWith("EVENT ")).toList();
            if (replies.size() > 1 || replies.isEmpty() && !ack) {
                throw new AssertionError("request " + (n + 1) + " got " + replies.size() + " replies: " + out);
            }
            if (!replies.isEmpty()) {
                expectReply(replies.get(0), in.tooLong());
            }
            if (outcome == Store.Outcome.CLOSE) {
                throw new AssertionError("the server stops reading an open connection after " + out);
            }
        }
    }

    /** A reply is one ASCII line of printable octets; a too-long line's is E2BIG. */
    private static void expectReply(String reply, boolean tooLong) {
        if (tooLong && !reply.startsWith("ERR E2BIG ")) {
            throw new AssertionError("a too-long line answered " + reply);
        }
        for (int i = 0; i < reply.length(); i++) {
            char ch = reply.charAt(i);
            if (ch < 0x20 || ch > 0x7e) {
                throw new AssertionError("reply with octet 0x" + Integer.toHexString(ch) + ": " + reply);
            }
        }
    }

    /** Whether a line is an ACK (with or without a transaction prefix): the one request without a reply. */
    private static boolean isAck(LineReader in) {
        try {
            List<byte[]> t = Tokens.split(in.line(), in.length());
            int at = !t.isEmpty() && t.get(0).length > 1 && t.get(0)[0] == 'T' ? 1 : 0;
            return t.size() > at && "ACK".equals(Tokens.ascii(t.get(at)));
        } catch (Tokens.MalformedLineException e) {
            return false;
        }
    }
}

package dev.baton.store.process;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.baton.core.wire.Utf8;
import dev.baton.store.protocol.LineReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The control channel's request line on any octets: decoded and read as the control server reads
 * its first line, then {@link ControlRequest#parse}d. Only {@link ControlRequest.Malformed} (the
 * usage answer, or the refusal of a live update over TCP) may come out; a request that parses has
 * what its command needs (a non-empty name; a name of one token, and an action on the limit, for a
 * live update) and writes back as a line that parses to the same request.
 */
class ControlRequestFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void requests(byte[] input) throws IOException {
        LineReader in = new LineReader(new ByteArrayInputStream(input), ControlServer.MAX_LINE);
        if (!in.next() || in.tooLong()) {
            return; // no line, or one the server refuses unread
        }
        String line = Utf8.decode(Arrays.copyOf(in.line(), in.length()));
        if (line == null) {
            return; // not UTF-8: refused before parsing
        }
        ControlRequest r;
        try {
            r = ControlRequest.parse(line.trim());
        } catch (ControlRequest.Malformed refused) {
            if (!refused.getMessage().equals(ControlRequest.USAGE) && !refused.getMessage().equals(
                    ControlRequest.OVER_TCP)) {
                throw new AssertionError("refused with " + refused.getMessage());
            }
            return;
        }
        if (r.command().takesName() != (r.name() != null) || r.name() != null
                && (r.name().isEmpty() || !r.name().equals(r.name().trim()))) {
            throw new AssertionError(r.command() + " with name [" + r.name() + "]");
        }
        boolean toASocket = r.command() == ControlRequest.Command.LIVE_UPDATE
                || r.command() == ControlRequest.Command.REHEARSE;
        if (toASocket && r.name().contains(" ")
                || (r.command() == ControlRequest.Command.LIVE_UPDATE) != (r.onLimit() != null)) {
            throw new AssertionError(r.command() + " to [" + r.name() + "] on limit " + r.onLimit());
        }
        try {
            ControlRequest again = ControlRequest.parse(r.line());
            if (!again.equals(r)) {
                throw new AssertionError(line + " parsed as " + r + " but its line " + r.line() + " as " + again);
            }
        } catch (ControlRequest.Malformed e) {
            throw new AssertionError(line + " parsed as " + r + " but its line " + r.line() + " is refused");
        }
    }
}

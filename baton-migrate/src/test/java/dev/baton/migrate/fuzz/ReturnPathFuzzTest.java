package dev.baton.migrate.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.migrate.returnpath.ControlReader;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;

/**
 * The control messages of a migration session (return path and forward control) on any octets:
 * a reader takes message after message until the input ends; only {@link StreamFormatException}
 * (its subclass ControlFormatException) or a clean end between messages may come out.
 */
class ReturnPathFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void messages(byte[] input) throws IOException {
        ControlReader reader = new ControlReader(Channels.newChannel(new ByteArrayInputStream(input)), "return path");
        try {
            for (int i = 0; i < 64; i++) {
                reader.read();
            }
        } catch (StreamFormatException | EOFException expected) {
            // reported, or the peer closed between messages
        }
    }
}

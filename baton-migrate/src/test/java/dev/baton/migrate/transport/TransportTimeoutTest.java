package dev.baton.migrate.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blocking read or write that the peer never serves ends with a stall, on sockets and on pipes,
 * in real time. When the guard decides (a call blocked longer than the timeout, not at it) is
 * {@link StallGuardTest}'s subject, on a clock the test moves; here a guard that never fired would
 * hang the test, which the class's timeout turns into a failure.
 */
@Timeout(60)
class TransportTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);

    @TempDir
    Path dir;

    @Test
    void aPeerThatTakesNothingStallsTheWriter() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            TcpTransport t = TcpTransport.connect("127.0.0.1", server.getLocalPort(), TIMEOUT);
            try (Socket idle = server.accept()) {
                ByteBuffer big = ByteBuffer.allocateDirect(64 << 20);
                assertThatThrownBy(() -> {
                    while (true) {
                        big.clear();
                        t.out().write(big);
                    }
                }).isInstanceOf(TransportStalledException.class).hasMessageMatching(
                        "the connection stalled: 127\\.0\\.0\\.1:[0-9]+ took nothing for 200 ms \\(the timeout\\)");
                assertThat(idle.isConnected()).isTrue();
            } finally {
                t.close();
            }
        }
    }

    @Test
    void aSilentPeerStallsTheReaderButTheOutputStaysOpen() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            TcpTransport t = TcpTransport.connect("127.0.0.1", server.getLocalPort(), TIMEOUT);
            try (Socket peer = server.accept()) {
                assertThatThrownBy(() -> t.in().read(ByteBuffer.allocate(16)))
                        .isInstanceOf(TransportStalledException.class)
                        .hasMessageMatching("the connection stalled: nothing arrived from 127\\.0\\.0\\.1:[0-9]+ for 200 ms"
                                + " \\(the timeout\\)");
                // the target can still tell the source why it gives up
                t.out().write(ByteBuffer.wrap("ERROR".getBytes()));
                byte[] got = peer.getInputStream().readNBytes(5);
                assertThat(new String(got)).isEqualTo("ERROR");
                assertThat(t.stalled()).startsWith("the connection stalled");
            } finally {
                t.close();
            }
        }
    }

    @Test
    void readsWithoutTimeoutWaitAsLongAsItTakes() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            TcpTransport t = TcpTransport.connect("127.0.0.1", server.getLocalPort(), TIMEOUT);
            t.timeReads(false);
            try (Socket peer = server.accept()) {
                Thread.ofPlatform().start(() -> {
                    try {
                        Thread.sleep(3 * TIMEOUT.toMillis()); // a peer slower than the timeout: the scenario, not a wait
                        peer.getOutputStream().write(7);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                ByteBuffer one = ByteBuffer.allocate(1);
                assertThat(t.in().read(one)).isEqualTo(1);
                assertThat(one.get(0)).isEqualTo((byte) 7);
            } finally {
                t.close();
            }
        }
    }

    @Test
    void aStalledPipeEndsToo() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        // open both ends (a FIFO's open blocks until the other end opens), then write nothing until
        // the read has ended (a writer that closed early would end it with end-of-file instead)
        CountDownLatch readEnded = new CountDownLatch(1);
        Thread writerOpen = Thread.ofPlatform().start(() -> {
            try {
                FileChannel w = FileChannel.open(fifo, StandardOpenOption.WRITE);
                readEnded.await();
                w.close();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        FileChannel reader = FileChannel.open(fifo, StandardOpenOption.READ);
        PipeTransport t = PipeTransport.of(reader, null, TIMEOUT, "fifo");
        try {
            assertThatThrownBy(() -> t.in().read(ByteBuffer.allocate(16))).isInstanceOf(TransportStalledException.class)
                    .hasMessage("the connection stalled: nothing arrived from the other end of the pipe for 200 ms"
                            + " (the timeout)");
        } finally {
            readEnded.countDown();
        }
        t.close();
        writerOpen.join();
        assertThat(Files.exists(fifo)).isTrue();
    }
}

package dev.baton.migrate.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A migration's connection over a Unix socket: duplex, each direction ends alone, a wait for a source is bounded. */
class UnixTransportTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private UnixTransport.Listener listen(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return UnixTransport.listen(server, socket);
    }

    @Test
    void octetsGoBothWaysAndTheSourceEndsItsOutputAlone() throws IOException {
        Path socket = tmp.resolve("migration");
        try (UnixTransport.Listener l = listen(socket); UnixTransport source = UnixTransport.connect(socket, T);
                UnixTransport target = l.accept(T)) {
            assertThat(source.description()).isEqualTo("unix " + socket);
            assertThat(source.hasReturnPath()).isTrue();
            source.out().write(ByteBuffer.wrap("stream".getBytes(StandardCharsets.US_ASCII)));
            source.finishOutput();
            ByteBuffer got = ByteBuffer.allocate(16);
            while (target.in().read(got) >= 0) {
                // until the source's end of output
            }
            assertThat(new String(got.array(), 0, got.position(), StandardCharsets.US_ASCII)).isEqualTo("stream");
            target.out().write(ByteBuffer.wrap(new byte[] {'A'}));
            ByteBuffer ack = ByteBuffer.allocate(1);
            assertThat(source.in().read(ack)).isEqualTo(1);
            assertThat(ack.get(0)).isEqualTo((byte) 'A');
        }
    }

    @Test
    void aWaitForASourceThatNeverComesEndsNamingTheSocket() throws IOException {
        Path socket = tmp.resolve("migration");
        try (UnixTransport.Listener l = listen(socket)) {
            assertThatThrownBy(() -> l.accept(Duration.ofMillis(50))).isInstanceOf(SocketTimeoutException.class)
                    .hasMessage("no source connected to " + socket + " within 50 ms");
        }
    }

    @Test
    void nothingListeningIsAnIoError() {
        assertThatThrownBy(() -> UnixTransport.connect(tmp.resolve("none"), T)).isInstanceOf(IOException.class);
    }
}

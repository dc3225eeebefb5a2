package dev.baton.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the wire protocol's socket may be bound: nowhere but a free path, or a socket file whose
 * process is gone. A path that names a file, a directory or a link is refused and left as it was
 * (a store told {@code --unix-socket /etc/passwd} once replaced it with its socket).
 */
class WireServerPathTest {
    @TempDir
    Path dir;

    @Test
    void aFileAtThePathIsRefusedAndLeftAsItWas() throws IOException {
        Path file = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        assertThatThrownBy(() -> WireServer.start(new Store(), file)).isInstanceOf(IOException.class)
                .hasMessage(file + " exists and is not a socket: the store binds only where nothing is, or a socket "
                        + "no process serves");
        assertThat(Files.readString(file)).isEqualTo("root:x:0:0:root:/root:/bin/bash\n");
    }

    @Test
    void aDirectoryOrALinkAtThePathIsRefusedAndLeftAsItWas() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.writeString(sub.resolve("kept"), "kept");
        assertThatThrownBy(() -> WireServer.start(new Store(), sub)).hasMessageContaining("is not a socket");
        assertThat(Files.readString(sub.resolve("kept"))).isEqualTo("kept");

        Path target = Files.writeString(dir.resolve("target"), "target");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertThatThrownBy(() -> WireServer.start(new Store(), link)).hasMessageContaining("is not a socket");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("target");
    }

    @Test
    void aFileWhereATakeoverBindsIsRefusedToo() throws IOException {
        Path socket = dir.resolve("socket");
        Path next = Files.writeString(WireServer.nextPath(socket), "not a socket");
        assertThatThrownBy(() -> WireServer.bindNext(new Store(), socket)).hasMessageContaining("is not a socket");
        assertThat(Files.readString(next)).isEqualTo("not a socket");
    }

    @Test
    void aSocketWhoseProcessIsGoneIsReplacedAndOneThatIsServedIsNot() throws IOException {
        Path socket = dir.resolve("socket");
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(socket)); // closing leaves the file behind
        }
        assertThat(socket).exists();
        try (WireServer served = WireServer.start(new Store(), socket)) {
            assertThat(served.path()).isEqualTo(socket);
            try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertThat(c.isConnected()).isTrue();
            }
            assertThatThrownBy(() -> WireServer.start(new Store(), socket))
                    .hasMessage("another process serves the socket " + socket);
        }
    }
}

package dev.baton.migrate.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a stream's octets as they pass: the source takes it of what it writes, the target
 * of what it reads, so that a rehearsal's report shows that the target read the very octets the
 * source sent (docs/MIGRATION.md, "Rehearsal").
 */
final class StreamSha256 {
    private final MessageDigest md;

    StreamSha256() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code out}, digesting every octet written through it. */
    WritableByteChannel writing(WritableByteChannel out) {
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                ByteBuffer seen = src.duplicate();
                int n = out.write(src);
                md.update(seen.limit(seen.position() + n));
                return n;
            }

            @Override
            public boolean isOpen() {
                return out.isOpen();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /** {@code in}, digesting every octet read through it. */
    ReadableByteChannel reading(ReadableByteChannel in) {
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int from = dst.position();
                int n = in.read(dst);
                if (n > 0) {
                    md.update(dst.duplicate().limit(from + n).position(from));
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return in.isOpen();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** The digest of the octets so far, as 64 hex digits; ends the digest. */
    String hex() {
        return HexFormat.of().formatHex(md.digest());
    }
}

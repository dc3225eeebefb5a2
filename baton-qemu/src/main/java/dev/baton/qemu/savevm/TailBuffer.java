package dev.baton.qemu.savevm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The rest of a stream, held in memory up to a limit. From a pipe, device state cannot be decoded
 * until the vmdesc at the very end has arrived, so everything from the first device section on
 * waits here; it is small (the RAM section came before it and was streamed).
 */
final class TailBuffer {
    private TailBuffer() {
    }

    /**
     * Reads everything left in {@code in}, nothing consumed before.
     *
     * @throws dev.baton.core.wire.StreamFormatException when more than {@code max} octets remain
     */
    static byte[] readRest(SavevmInput in, int max, String why) throws IOException {
        long at = in.offset();
        long known = in.remaining();
        if (known > max) {
            throw tooLong(in, at, max, why);
        }
        byte[] out = new byte[(int) Math.max(known, 64 << 10)];
        int n = 0;
        var wire = in.wire();
        while (true) {
            int have = wire.fill(wire.chunkSize() == Integer.MAX_VALUE ? Integer.MAX_VALUE : wire.chunkSize());
            if (have == 0) {
                break;
            }
            if ((long) n + have > max) {
                throw tooLong(in, at, max, why);
            }
            if (n + have > out.length) {
                out = Arrays.copyOf(out, (int) Math.min(max, Math.max((long) out.length * 2, (long) n + have)));
            }
            ByteBuffer b = wire.buffer();
            b.get(b.position(), out, n, have);
            wire.consume(have);
            n += have;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static IOException tooLong(SavevmInput in, long at, int max, String why) {
        return in.errorAt(at, "more than " + (max >> 20) + " MiB follow " + why
                + ", and Baton holds at most that much of a pipe until the vmdesc arrives; read the stream from a file");
    }
}

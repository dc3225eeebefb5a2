package dev.baton.migrate.precopy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import dev.baton.migrate.RecordTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** CHANNEL_SYNC of pass 2, with its checksum trailer, in both byte orders, octet for octet. */
class ChannelSyncRecordTest {
    private static final String BIG = "7fff000700000008 0000000200000000 378cbe2100000000";
    private static final String LITTLE = "0700ff7f08000000 0200000000000000 071103b000000000";

    @Test
    void goldenVectors() throws IOException {
        assertThat(sync(ByteOrder.BIG_ENDIAN)).isEqualTo(BIG.replace(" ", ""));
        assertThat(sync(ByteOrder.LITTLE_ENDIAN)).isEqualTo(LITTLE.replace(" ", ""));
    }

    /** The record as a channel's writer writes it (ChannelSenders), after the stream's header. */
    private static String sync(ByteOrder order) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long header;
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withByteOrder(order).withChecksums(true))) {
            header = w.offset();
            w.begin(RecordTypes.CHANNEL_SYNC).putInt(2).putInt(0).end();
        }
        byte[] all = out.toByteArray();
        return HexFormat.of().formatHex(Arrays.copyOfRange(all, (int) header, all.length));
    }
}

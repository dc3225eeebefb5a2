package dev.baton.xen.xenstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.xen.xenstore.Permission.Access;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Model to octets to model, the way a store dumps its state and seeds another from it. */
class XenstoreRoundTripTest {

    @ParameterizedTest(name = "version {0}, {1}")
    @CsvSource({"1, BIG_ENDIAN", "1, LITTLE_ENDIAN", "2, BIG_ENDIAN", "2, LITTLE_ENDIAN"})
    void aStoreSizedImageSurvivesTheTrip(int version, String orderName) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<XenstoreRecord> records = new ArrayList<>();
        records.add(new GlobalData(3, 4));
        records.add(NodeData.committed("/", new byte[0], List.of(new Permission(Access.NONE, 0))));
        records.add(NodeData.committed("/local", new byte[0], List.of(new Permission(Access.NONE, 0))));
        for (int d = 1; d <= 40; d++) {
            records.add(new ConnectionData(d, new ConnectionSpec.SharedRing(d, ConnectionSpec.DOMID_INVALID, 100 + d),
                    new byte[d % 5], new byte[d % 7], d % 7 / 2, d % 2 == 0 ? OptionalLong.of(d * 31L) : OptionalLong.empty()));
            records.add(NodeData.committed("/local/domain" + d, ("value " + d + "\0with a NUL").getBytes(),
                    List.of(new Permission(Access.NONE, d), new Permission(Access.READ, d % 3 == 0 ? 1 : 0, 0))));
            records.add(new WatchData(d, "/local/domain" + d, "token-" + d));
            if (version >= 2) {
                records.add(new WatchDataExtended(d, "@introduceDomain", "τ-" + d, d % 4));
            }
            records.add(new DomainData(d, version >= 2 ? d : 0, List.of(new Quota("nodes", d), new Quota("x-impl", 0))));
        }
        XenstoreImage image = new XenstoreImage(new XenstoreHeader(version, order), records);
        byte[] octets = image.toBytes();
        XenstoreImage back = XenstoreImage.read(octets);
        assertThat(back).isEqualTo(image);
        assertThat(back.toBytes()).isEqualTo(octets);
        assertThat(back.committedNodes()).hasSize(42);
        assertThat(back.all(ConnectionData.class)).hasSize(40);
    }

    @Test
    void theWriterRefusesWhatTheVersionCannotCarry() throws IOException {
        XenstoreWriter w = XenstoreWriter.open(new ByteArrayOutputStream(), new XenstoreHeader(1, ByteOrder.BIG_ENDIAN));
        assertThatThrownBy(() -> w.write(new WatchDataExtended(1, "/a", "t", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WATCH_DATA_EXTENDED is not valid in a version 1 stream (it needs version 2)");
        assertThatThrownBy(() -> w.write(new End())).hasMessage("END is written by end()");
        w.end();
        assertThatThrownBy(() -> w.write(new GlobalData(1, 2))).hasMessage("END has been written");
    }

    @Test
    void recordsRefuseWhatTheWireCannotHold() {
        assertThatThrownBy(() -> new WatchData(1, "/a\0b", "t")).hasMessageContaining("wpath holds a NUL");
        assertThatThrownBy(() -> new TransactionData(-1, 1)).hasMessageContaining("conn-id -1 does not fit a u32");
        assertThatThrownBy(() -> ConnectionData.idle(0, new ConnectionSpec.Socket(3)))
                .hasMessageContaining("conn-id 0 is reserved");
        assertThatThrownBy(() -> new NodeData(0, 0, "/a", new byte[70000], 0, List.of()))
                .hasMessageContaining("value-len 70000 does not fit a u16");
        assertThatThrownBy(() -> new Quota("", 1)).hasMessageContaining("not empty");
        assertThatThrownBy(() -> new ConnectionData(1, new ConnectionSpec.Socket(3), new byte[0], new byte[1], 2,
                OptionalLong.empty())).hasMessageContaining("out-resp-len 2 exceeds out-data-len 1");
        assertThatThrownBy(() -> new XenstoreHeader(3, ByteOrder.BIG_ENDIAN)).hasMessageContaining("not in [1, 2]");
    }
}

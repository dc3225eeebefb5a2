package dev.baton.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.store.client.StoreClient;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

/** {@link StoreClient#writeAll}: many writes sent before a reply is read, answered in order. */
class PipelinedWritesTest {

    private static byte[] v(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyWriteOfABatchIsMadeInOrderSoTheLastOfAPathWins() throws Exception {
        try (StoreFixture f = new StoreFixture()) {
            StoreClient c = f.client(0);
            SequencedMap<String, byte[]> batch = new LinkedHashMap<>();
            for (int i = 0; i < 2000; i++) {
                batch.put("/batch/d" + (i % 10) + "/k" + i, v("value-" + i));
            }
            c.writeAll(batch);
            batch.clear();
            batch.put("/batch/d0/k0", v("first")); // then the same path again, later in the batch
            batch.put("/batch/d1/k1", v("between"));
            c.writeAll(batch);
            batch.clear();
            batch.put("/batch/d0/k0", v("second"));
            c.writeAll(batch);
            for (int i = 0; i < 2000; i += 37) {
                String expect = i == 0 ? "second" : i == 1 ? "between" : "value-" + i;
                assertThat(c.readString("/batch/d" + (i % 10) + "/k" + i)).isEqualTo(expect);
            }
            assertThat(c.directory("/batch/d3")).hasSize(200);
        }
    }

    @Test
    void aWriteThatFailsIsThrownAfterTheRestOfTheBatchWasMade() throws Exception {
        try (StoreFixture f = new StoreFixture()) {
            StoreClient owner = f.client(0);
            owner.write("/private", "root's");
            StoreClient guest = f.client(5);
            SequencedMap<String, byte[]> batch = new LinkedHashMap<>();
            batch.put("/local/domain/5/a", v("1"));
            batch.put("/private", v("guest's")); // domain 5 may not write here
            batch.put("/local/domain/5/b", v("2"));
            owner.mkdir("/local/domain/5");
            owner.call("SET_PERMS /local/domain/5 n5");
            assertThatThrownBy(() -> guest.writeAll(batch)).isInstanceOf(StoreException.class)
                    .extracting(e -> ((StoreException) e).code()).isEqualTo(ErrorCode.EACCES);
            assertThat(owner.readString("/private")).isEqualTo("root's");
            assertThat(owner.readString("/local/domain/5/a")).isEqualTo("1");
            assertThat(owner.readString("/local/domain/5/b")).isEqualTo("2");
            // the connection goes on answering in step: the next call gets its own reply
            assertThat(guest.readString("/local/domain/5/b")).isEqualTo("2");
        }
    }
}

package dev.baton.bench.describe;

import java.util.ArrayList;
import org.apache.fory.Fory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.Language;
import org.apache.fory.memory.MemoryBuffer;

/**
 * Apache Fory in its Java format (Fory 1.6 defaults to the cross-language one, which also
 * refuses null strings in fields) and compatible mode (field names and types travel with the
 * data, so readers of other class versions can load it), classes registered, no reference
 * tracking; number compression (varint ints, tagged longs) and code generation as they default.
 * Saves into a reused heap buffer; loads from a reused buffer over the encoded octets.
 */
public final class ForyCodec implements ValueCodec {
    private final Fory fory;
    private final Object value;
    private final MemoryBuffer out = MemoryBuffer.newHeapBuffer(4096);
    private final byte[] encoded;
    private final MemoryBuffer in;

    public ForyCodec(Subject<?> subject) {
        fory = Fory.builder()
                .withLanguage(Language.JAVA)
                .withCompatibleMode(CompatibleMode.COMPATIBLE)
                .requireClassRegistration(true)
                .withRefTracking(false)
                .build();
        for (Class<?> c : subject.classes()) {
            if (c != ArrayList.class) { // one of Fory's own types
                fory.register(c);
            }
        }
        value = subject.value();
        int n = save();
        encoded = out.getBytes(0, n);
        in = MemoryBuffer.fromByteArray(encoded, 0, encoded.length);
    }

    @Override
    public int save() {
        out.writerIndex(0);
        fory.serialize(out, value);
        return out.writerIndex();
    }

    @Override
    public Object load() {
        in.readerIndex(0);
        return fory.deserialize(in);
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }
}

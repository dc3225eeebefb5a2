package dev.baton.bench.describe;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CompatibleFieldSerializer;

/**
 * Kryo with {@link CompatibleFieldSerializer} as the default serializer (field names travel with
 * the data, so readers of other class versions can load it), every class registered, no
 * references (Kryo 5's default). Writes into a reused {@link Output}; reads with a reused
 * {@link Input}.
 */
public final class KryoCodec implements ValueCodec {
    private final Kryo kryo = new Kryo();
    private final Object value;
    private final Class<?> type;
    private final Output out = new Output(4096, -1);
    private final Input in = new Input();
    private final byte[] encoded;

    public KryoCodec(Subject<?> subject) {
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.setDefaultSerializer(CompatibleFieldSerializer.class);
        for (Class<?> c : subject.classes()) {
            kryo.register(c);
        }
        value = subject.value();
        type = value.getClass();
        int n = save();
        encoded = out.toBytes();
        if (encoded.length != n) {
            throw new IllegalStateException("Kryo wrote " + n + " octets but holds " + encoded.length);
        }
    }

    @Override
    public int save() {
        out.reset();
        kryo.writeObject(out, value);
        return out.position();
    }

    @Override
    public Object load() {
        in.setBuffer(encoded);
        return kryo.readObject(in, type);
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }
}

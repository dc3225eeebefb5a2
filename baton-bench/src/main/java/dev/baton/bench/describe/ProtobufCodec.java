package dev.baton.bench.describe;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * protobuf-java on its generated classes (see {@link ProtoValues}): saves the message into a
 * reused array through a {@link CodedOutputStream} (the one object a save makes), loads with the
 * message's parser.
 */
public final class ProtobufCodec implements ValueCodec {
    private final Message message;
    private final Parser<? extends Message> parser;
    private final byte[] out;
    private final byte[] encoded;

    public ProtobufCodec(Subject<?> subject) {
        message = subject.proto();
        parser = subject.protoParser();
        encoded = message.toByteArray();
        out = new byte[Math.max(4096, encoded.length)];
    }

    @Override
    public int save() {
        CodedOutputStream stream = CodedOutputStream.newInstance(out);
        try {
            message.writeTo(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stream.getTotalBytesWritten();
    }

    @Override
    public Message load() throws InvalidProtocolBufferException {
        return parser.parseFrom(encoded);
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }
}

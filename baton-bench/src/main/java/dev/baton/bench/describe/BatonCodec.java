package dev.baton.bench.describe;

import dev.baton.core.DiscardChannel;
import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Baton: a save writes one SECTION record (record header, section header, then the value's
 * section data) into a {@link RecordWriter}'s buffer; the writer hands full buffers to a channel
 * that drops them, so the buffer is reused like the other libraries' outputs. A load reads the
 * section data of one such record into new objects through {@link SectionInput}.
 *
 * <p>With {@code byHand} the section data is written and read by hand-written code over the same
 * {@link BodyWriter} and {@link SectionInput} instead of the description: the "wire only" baseline.
 */
public final class BatonCodec<T> implements ValueCodec {
    private final StateDescription<T> description;
    private final Subject<T> subject;
    private final boolean byHand;
    private final T value;
    private final String idstr;
    private final int version;
    private final DescriptionContext ctx = DescriptionContext.empty();
    private final RecordWriter writer;
    private final byte[] encoded;
    private final ByteBuffer data;
    private final int recordOctets;

    public BatonCodec(Subject<T> subject, boolean byHand) {
        this(subject, subject.description(), byHand);
    }

    /** Saves and loads through {@code description} (the subject's derived one, say) rather than its own. */
    public BatonCodec(Subject<T> subject, StateDescription<T> description) {
        this(subject, description, false);
    }

    private BatonCodec(Subject<T> subject, StateDescription<T> description, boolean byHand) {
        this.subject = subject;
        this.description = description;
        this.byHand = byHand;
        this.value = subject.value();
        this.idstr = description.name();
        this.version = description.version();
        this.writer = RecordWriter.open(new DiscardChannel(), options());
        long before = writer.offset();
        save();
        this.recordOctets = (int) (writer.offset() - before);
        this.encoded = sectionDataOfOneRecord();
        this.data = ByteBuffer.wrap(encoded).order(options().byteOrder());
    }

    /** Fixed, so that the octets are the same in every run. */
    static WriterOptions options() {
        return WriterOptions.defaults().withProducer("baton-bench", "1").withCreated(Instant.EPOCH);
    }

    @Override
    public int save() {
        BodyWriter body = writer.beginSection(idstr, 0, version);
        int header = body.length();
        if (byHand) {
            subject.saveByHand().accept(value, body);
        } else {
            description.save(value, body, ctx);
        }
        int n = body.length() - header;
        body.end();
        return n;
    }

    @Override
    public T load() throws StreamFormatException {
        SectionInput in = SectionInput.of(data.clear());
        if (byHand) {
            return subject.loadByHand().load(in);
        }
        T obj = description.newInstance();
        description.load(obj, in, version, ctx);
        return obj;
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }

    /** Octets of the whole SECTION record one save writes: framing, section header and data. */
    public int recordOctets() {
        return recordOctets;
    }

    /** Writes a stream holding one section of the value, reads it back, and returns its section data. */
    private byte[] sectionDataOfOneRecord() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try {
            try (RecordWriter w = RecordWriter.open(stream, options())) {
                BodyWriter body = w.beginSection(idstr, 0, version);
                if (byHand) {
                    subject.saveByHand().accept(value, body);
                } else {
                    description.save(value, body, ctx);
                }
                body.end();
                w.writeStaticDataEnd();
                w.writeEnd();
            }
            try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream.toByteArray()), ReaderOptions.defaults())) {
                StreamRecord record = r.next();
                ByteBuffer d = record.sectionData();
                byte[] out = new byte[d.remaining()];
                d.get(out);
                return out;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

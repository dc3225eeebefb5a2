package dev.baton.xen.convert;

import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import dev.baton.xen.XenFormat;
import dev.baton.xen.libxc.DomainHeader;
import dev.baton.xen.libxc.ImageHeader;
import dev.baton.xen.libxc.LibxcRecordType;
import dev.baton.xen.libxc.LibxcVerifier;
import dev.baton.xen.libxl.LibxlListener;
import dev.baton.xen.libxl.LibxlVerifier;
import dev.baton.xen.stream.XenInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * Converts a libxc v2 stream, alone or inside a libxl stream, to v3: the image header says 3, and
 * STATIC_DATA_END goes where a v3 restorer reading the v2 stream infers it (the spec's "v3
 * compat with v2"): before the first X86_PV_P2M_FRAMES of a PV guest, before the first
 * PAGE_DATA of an HVM guest, or before END when neither comes. Xen's restorer also infers it at
 * a PV guest's first PAGE_DATA, so that counts too. Every other octet is copied unchanged.
 *
 * <p>One pass, constant memory: the input is checked strictly as it is copied (the first problem
 * throws {@link StreamFormatException}), so a stream that is not valid v2 is not converted; a
 * caller writing to a file should write to a temporary one and move it into place on success.
 */
public final class V2ToV3Converter {
    private V2ToV3Converter() {
    }

    /** Converts {@code input} to {@code output}; the format is told by the first octets. */
    public static Conversion convert(WireInput input, WritableByteChannel output) throws IOException {
        XenInput in = new XenInput(input);
        in.fill(8);
        XenFormat format = XenFormat.detect(in.buffer());
        if (format != XenFormat.LIBXC && format != XenFormat.LIBXL) {
            throw StreamFormatException.inHeader("not a libxc or libxl stream: only those have a v2 and a v3", 0);
        }
        CountingChannel out = new CountingChannel(output);
        Inserter inserter = new Inserter(in, out);
        if (format == XenFormat.LIBXL) {
            in.tee(out); // the libxl layer is copied as it is
            LibxlVerifier.verify(in, Problems.stop(), inserter);
        } else {
            LibxcVerifier.verify(in, Problems.stop(), inserter);
        }
        return new Conversion(format, inserter.domain, inserter.insertedAt, inserter.insertedBefore, in.offset(),
                out.count);
    }

    /** Rewrites the image header and writes STATIC_DATA_END where a v3 reader would infer it. */
    private static final class Inserter implements LibxlListener {
        private final XenInput in;
        private final CountingChannel out;
        private ByteOrder order;
        private DomainHeader domain;
        private long libxcRecords;
        private long insertedAt = -1;
        private String insertedBefore;

        Inserter(XenInput in, CountingChannel out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public void imageHeader(ImageHeader header) throws IOException {
            if (header.version() != 2) {
                throw StreamFormatException.inHeader("the libxc stream is already version " + header.version()
                        + ": there is nothing to convert", in.offset() + 12);
            }
            order = header.order();
            in.tee(null); // the v2 header is replaced, not copied
            out.writeFully(ByteBuffer.wrap(new ImageHeader(3, order).toBytes()));
        }

        @Override
        public void domainHeader(DomainHeader header) {
            domain = header;
            in.tee(out); // from the domain header on, octets are copied
        }

        @Override
        public void beforeRecord(int type) throws IOException {
            if (insertedAt < 0 && infersHere(type)) {
                ByteBuffer sde = ByteBuffer.allocate(8).order(order);
                sde.putInt(LibxcRecordType.STATIC_DATA_END.code()).putInt(0).flip();
                out.writeFully(sde);
                insertedAt = libxcRecords++;
                insertedBefore = LibxcRecordType.name(type);
            }
            libxcRecords++;
        }

        private boolean infersHere(int type) {
            if (type == LibxcRecordType.END.code() || type == LibxcRecordType.PAGE_DATA.code()) {
                return true;
            }
            return domain.isPv() && type == LibxcRecordType.X86_PV_P2M_FRAMES.code();
        }
    }
}

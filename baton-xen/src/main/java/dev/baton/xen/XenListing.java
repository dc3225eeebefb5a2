package dev.baton.xen;

import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import dev.baton.xen.libxc.LibxcVerifier;
import dev.baton.xen.libxl.LibxlListener;
import dev.baton.xen.libxl.LibxlVerifier;
import dev.baton.xen.xenstore.XenstoreHeader;
import dev.baton.xen.xenstore.XenstoreReadOptions;
import dev.baton.xen.xenstore.XenstoreReader;
import dev.baton.xen.xenstore.XenstoreRecord;
import java.io.IOException;

/**
 * Where a listing of a Xen stream goes, headers and records as they are read: {@code baton xen
 * inspect}'s text, or {@link XenJsonListing}. {@link #list} reads the stream into it.
 */
public interface XenListing extends LibxlListener, AutoCloseable {

    /** The stream named {@code name}, of {@code size} octets (-1 when unknown), is of {@code format}. */
    void start(String name, long size, XenFormat format) throws IOException;

    void xenstoreHeader(XenstoreHeader header) throws IOException;

    void xenstoreRecord(long index, long offset, long len, XenstoreRecord record) throws IOException;

    /** The stream was read to its end without error. */
    void summary(long records, long end) throws IOException;

    /** The stream is bad; nothing more is listed. */
    void error(StreamFormatException e) throws IOException;

    @Override
    void close() throws IOException;

    /**
     * Reads a whole stream of {@code format} from {@code in} into {@code out}, strictly: the first
     * problem is thrown, and the caller tells {@code out} ({@link #error}).
     */
    static void list(WireInput in, XenFormat format, XenListing out) throws IOException {
        switch (format) {
            case XENSTORE -> {
                try (XenstoreReader r = XenstoreReader.open(in, XenstoreReadOptions.defaults())) {
                    out.xenstoreHeader(r.header());
                    for (XenstoreRecord rec = r.next(); rec != null; rec = r.next()) {
                        out.xenstoreRecord(r.recordIndex(), r.recordOffset(), r.recordLength(), rec);
                    }
                    r.expectEndOfInput();
                    out.summary(r.records(), r.offset());
                }
            }
            case LIBXC -> out.summary(LibxcVerifier.verify(in, Problems.stop(), out).records(), in.offset());
            case LIBXL -> out.summary(LibxlVerifier.verify(in, Problems.stop(), out).allRecords(), in.offset());
        }
    }
}

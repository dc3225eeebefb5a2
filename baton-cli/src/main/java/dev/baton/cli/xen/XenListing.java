package dev.baton.cli.xen;

import dev.baton.core.wire.StreamFormatException;
import dev.baton.xen.XenFormat;
import dev.baton.xen.libxl.LibxlListener;
import dev.baton.xen.xenstore.XenstoreHeader;
import dev.baton.xen.xenstore.XenstoreRecord;
import java.io.IOException;

/** What {@code baton xen inspect} prints, as text or JSON: headers and records as they are read. */
interface XenListing extends LibxlListener, AutoCloseable {

    void start(XenSource source, XenFormat format) throws IOException;

    void xenstoreHeader(XenstoreHeader header) throws IOException;

    void xenstoreRecord(long index, long offset, long len, XenstoreRecord record) throws IOException;

    /** The stream was read to its end without error. */
    void summary(long records, long end) throws IOException;

    /** The stream is bad; nothing more is listed. */
    void error(StreamFormatException e) throws IOException;

    @Override
    void close() throws IOException;
}

package dev.baton.cli.docs.snippets;

import dev.baton.xen.xenstore.XenstoreRecord;
import java.io.OutputStream;
import java.util.List;

/** What docs/XEN.md's Java fragments use without declaring it (DocsJavaTest): records to write, and where. */
abstract class XenContext {
    protected List<XenstoreRecord> records;
    protected OutputStream out;
}

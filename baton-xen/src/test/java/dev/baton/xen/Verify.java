package dev.baton.xen;

import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import dev.baton.xen.libxc.LibxcVerifier;
import dev.baton.xen.libxl.LibxlListener;
import dev.baton.xen.libxl.LibxlVerifier;
import dev.baton.xen.stream.XenRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Runs a verifier in collecting mode and keeps what it said. */
public final class Verify {
    public final List<StreamFormatException> problems = new ArrayList<>();
    public final List<XenRecord> records = new ArrayList<>();
    /** The problem that lost the framing, if one did. */
    public StreamFormatException fatal;

    public static Verify libxc(byte[] stream) {
        Verify v = new Verify();
        try {
            LibxcVerifier.verify(WireInput.of(ByteBuffer.wrap(stream)), Problems.collect(v.problems::add), v.listener());
        } catch (StreamFormatException e) {
            v.fatal = e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return v;
    }

    public static Verify libxl(byte[] stream) {
        Verify v = new Verify();
        try {
            LibxlVerifier.verify(WireInput.of(ByteBuffer.wrap(stream)), Problems.collect(v.problems::add), v.listener());
        } catch (StreamFormatException e) {
            v.fatal = e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return v;
    }

    private LibxlListener listener() {
        return new LibxlListener() {
            @Override
            public void record(XenRecord r) {
                records.add(r);
            }
        };
    }

    /** Every message, the fatal one last. */
    public List<String> messages() {
        List<String> all = new ArrayList<>();
        problems.forEach(p -> all.add(p.getMessage()));
        if (fatal != null) {
            all.add(fatal.getMessage());
        }
        return all;
    }

    /** "libxc:PAGE_DATA" for each record. */
    public List<String> names() {
        return records.stream().map(r -> r.layer() + ":" + r.name()).toList();
    }
}

package dev.baton.qemu.savevm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CONFIGURATION record: the machine type and the subsections QEMU adds when they matter
 * (migration/savevm.c, {@code vmstate_configuration}). It has no section header and no footer:
 * the 0x07 octet is followed directly by the body of the "configuration" description.
 *
 * <pre>
 *   be32 len, u8[len] machine type          e.g. "pc-i440fx-7.2"
 *   0x05 "configuration/target-page-bits"   be32 version, be32 bits  (when not the target's minimum)
 *   0x05 "configuration/capabilities"       be32 version, be32 count, count x (u8 len, name)
 *   0x05 "configuration/uuid"               be32 version, u8[16]      (with validate-uuid)
 * </pre>
 *
 * @param offset         stream offset of the 0x07 octet
 * @param machineType    the machine type name
 * @param targetPageBits the target page bits, or -1 when the subsection is absent
 * @param capabilities   capabilities that change the stream (x-ignore-shared, mapped-ram, ...)
 * @param uuid           the VM's UUID, or {@code null}
 * @param subsections    the subsections' names, in stream order
 */
public record Configuration(long offset, String machineType, int targetPageBits, List<String> capabilities,
        byte[] uuid, List<String> subsections) {

    /** Longest machine type name accepted; QEMU's are below 32 octets. */
    static final int MAX_NAME = 256;
    /** QEMU has a few dozen capabilities; anything beyond this is a bad length. */
    static final int MAX_CAPABILITIES = 256;

    static final String TARGET_PAGE_BITS = "configuration/target-page-bits";
    static final String CAPABILITIES = "configuration/capabilities";
    static final String UUID = "configuration/uuid";

    public boolean hasCapability(String name) {
        return capabilities.contains(name);
    }

    /** Reads the body after the 0x07 octet (already consumed, at {@code offset}). */
    static Configuration read(SavevmInput in, long offset) throws IOException {
        long at = in.offset();
        long len = in.be32("machine type length");
        if (len > MAX_NAME) {
            throw in.errorAt(at, "machine type length " + len + " is beyond the limit of " + MAX_NAME);
        }
        String machine = in.utf8((int) len, "machine type");
        int pageBits = -1;
        List<String> caps = new ArrayList<>();
        byte[] uuid = null;
        List<String> names = new ArrayList<>();
        while (in.peek() == SectionType.SUBSECTION.code()) {
            long subAt = in.offset();
            in.u8("subsection type");
            String name = in.counted("subsection name");
            long version = in.be32("subsection version");
            if (names.contains(name)) {
                throw in.errorAt(subAt, "configuration subsection '" + name + "' appears twice");
            }
            if (version != 1) {
                throw in.errorAt(subAt, "configuration subsection '" + name + "' has version " + version
                        + "; QEMU only knows version 1");
            }
            names.add(name);
            switch (name) {
                case TARGET_PAGE_BITS -> {
                    long bits = in.be32("target page bits");
                    if (bits < 9 || bits > 30) {
                        throw in.errorAt(subAt, "target page bits " + bits + " out of range [9, 30]");
                    }
                    pageBits = (int) bits;
                }
                case CAPABILITIES -> readCapabilities(in, caps);
                case UUID -> uuid = in.bytes(16, "uuid");
                default -> throw in.errorAt(subAt, "unknown configuration subsection '" + name + "'");
            }
        }
        return new Configuration(offset, machine, pageBits, List.copyOf(caps), uuid, List.copyOf(names));
    }

    private static void readCapabilities(SavevmInput in, List<String> caps) throws IOException {
        long at = in.offset();
        long count = in.be32("capability count");
        if (count > MAX_CAPABILITIES) {
            throw in.errorAt(at, "capability count " + count + " is beyond the limit of " + MAX_CAPABILITIES);
        }
        for (int i = 0; i < count; i++) {
            caps.add(in.counted("capability name"));
        }
    }
}

package dev.baton.qemu.savevm;

import dev.baton.qemu.vmdesc.Vmdesc;
import java.util.List;
import java.util.Map;

/**
 * A whole savevm stream as read by {@link SavevmReader}: everything but the RAM pages, which went
 * to the {@link RamSink}.
 *
 * @param configuration the CONFIGURATION record, or {@code null} (machine types before 2.4)
 * @param footers       whether sections carry footers (they do since machine types 2.4)
 * @param pageSize      the target page size the RAM section was read with
 * @param sections      sections by section id, in the order they first appeared
 * @param commands      COMMAND records, in order
 * @param eofOffset     stream offset of the EOF octet
 * @param vmdesc        the VMDESCRIPTION, or {@code null} when the stream has none
 * @param trailing      octets after the VMDESCRIPTION (or after EOF when there is none)
 * @param length        octets read in all
 * @param records       top-level records read (configuration, sections, commands, EOF, vmdesc)
 */
public record SavevmStream(Configuration configuration, boolean footers, int pageSize, Map<Long, Section> sections,
        List<Command> commands, long eofOffset, Vmdesc vmdesc, long trailing, long length, long records) {

    /** The RAM section, or {@code null}. */
    public Section ram() {
        return sections.values().stream().filter(Section::isRam).findFirst().orElse(null);
    }
}

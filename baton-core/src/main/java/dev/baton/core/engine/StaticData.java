package dev.baton.core.engine;

import dev.baton.core.wire.SectionHeader;
import dev.baton.core.wire.StreamHeader;
import java.util.List;

/**
 * What a target knows when STATIC_DATA_END arrives: who wrote the stream, for which profile, and
 * the static sections (already loaded). Its {@code onStaticData} check may refuse here, before
 * any dynamic state is read.
 *
 * @param header   the stream's header: producer, profile, format version
 * @param sections the static sections received, in stream order
 */
public record StaticData(StreamHeader header, List<SectionHeader> sections) {
}

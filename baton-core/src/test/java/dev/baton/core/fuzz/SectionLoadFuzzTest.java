package dev.baton.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.engine.FuzzModels;
import dev.baton.core.wire.StreamFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Section data through real descriptions (nested and variable arrays, lists, maps, nullable
 * references, enums, strings, subsections) on any octets, in both byte orders and at every
 * version the descriptions accept: only {@link StreamFormatException} may escape.
 */
class SectionLoadFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void disk(byte[] input) {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (int version = 1; version <= 3; version++) {
                try {
                    FuzzModels.loadDisk(SectionInput.of(ByteBuffer.wrap(input).order(order)), version);
                } catch (StreamFormatException expected) {
                    // reported with the field path
                }
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void mapsAndLists(byte[] input) {
        try {
            FuzzModels.loadCatalog(SectionInput.of(ByteBuffer.wrap(input)), DescriptionContext.empty());
        } catch (StreamFormatException expected) {
            // reported with the field path
        }
    }
}

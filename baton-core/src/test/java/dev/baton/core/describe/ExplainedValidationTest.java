package dev.baton.core.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.engine.Streams;
import dev.baton.core.wire.StreamFormatException;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * A validation that explains itself names what failed beside the rule; the description's JSON
 * lists the rule alone, as for a plain validation.
 */
class ExplainedValidationTest {

    /** A range whose ends must be in order. */
    static final class Range {
        long from;
        long to;
    }

    private static final StateDescription<Range> RANGE = StateDescription.<Range>builder("range")
            .u64("from", r -> r.from, (r, v) -> r.from = v)
            .u64("to", r -> r.to, (r, v) -> r.to = v)
            .validateExplained(r -> r.from <= r.to ? null : "from " + r.from + " is after to " + r.to,
                    "a range's ends are in order")
            .build();

    private static byte[] saved(long from, long to) throws Exception {
        Range r = new Range();
        r.from = from;
        r.to = to;
        return Streams.save(StateSaver.of(new SectionRegistry().register("range", 0, RANGE, r)), ByteOrder.BIG_ENDIAN);
    }

    private static void load(byte[] stream) throws Exception {
        Streams.load(StateLoader.of(new SectionRegistry().register("range", 0, RANGE, new Range())), stream);
    }

    @Test
    void aFailureSaysWhatFailedAndTheRule() throws Exception {
        byte[] stream = saved(9, 3);
        assertThatThrownBy(() -> load(stream)).isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("section range/0")
                .hasMessageContaining("validation failed in 'range': from 9 is after to 3 (a range's ends are in order)");
    }

    @Test
    void aPassLoadsAndTheJsonListsTheRule() throws Exception {
        load(saved(3, 9));
        assertThat(RANGE.toJson()).contains("\"validations\":[\"a range's ends are in order\"]");
    }
}

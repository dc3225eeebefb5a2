package dev.baton.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.baton.core.compat.CompatibilityChecker;
import dev.baton.core.compat.Finding;
import dev.baton.core.compat.Schema;
import dev.baton.core.engine.Quirks;
import dev.baton.core.engine.SelfDescription;
import dev.baton.core.json.JsonParser;
import java.util.EnumSet;

/**
 * The JSON that arrives from outside: DESCRIPTION records (a stream's self-description), the
 * documents {@code baton check} compares, and quirk files. Bad JSON or a bad document is
 * reported as {@link JsonParser.JsonException} or {@link IllegalArgumentException}; nothing else
 * may escape, and nesting cannot exhaust the stack.
 */
class JsonInputsFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void descriptionRecord(byte[] input) {
        String json = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        try {
            SelfDescription.parse(json);
        } catch (JsonParser.JsonException | IllegalArgumentException expected) {
            // reported
        }
    }

    @FuzzTest(maxDuration = "30s")
    void checkInputs(byte[] input) {
        String json = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        try {
            Schema s = Schema.parse(json);
            new CompatibilityChecker(s, s, null).check(EnumSet.allOf(Finding.Direction.class));
        } catch (JsonParser.JsonException | IllegalArgumentException expected) {
            // reported
        }
    }

    @FuzzTest(maxDuration = "30s")
    void quirks(byte[] input) {
        String json = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        try {
            Quirks.fromJson(json);
        } catch (JsonParser.JsonException | IllegalArgumentException expected) {
            // reported
        }
    }
}

package dev.baton.cli;

import dev.baton.cli.option.InputFile;
import dev.baton.core.engine.Quirks;
import dev.baton.core.json.JsonParser;
import java.io.IOException;
import picocli.CommandLine.Option;

/**
 * The {@code --quirks FILE} option of inspect and verify: the known mistakes of past producers
 * (docs/COMPATIBILITY.md), so that both decode a section through the same quirks.
 */
final class QuirksOption {
    @Option(names = "--quirks", paramLabel = "FILE",
            description = "Quirks of past producers to apply when decoding (JSON; see docs/COMPATIBILITY.md); "
                    + "- for standard input.")
    String file;

    /** The quirks the file lists; none without the option. A file that is not a quirks file is an I/O error. */
    Quirks quirks() throws IOException {
        if (file == null) {
            return Quirks.none();
        }
        InputFile in = InputFile.of(file);
        try {
            return Quirks.fromJson(in.readText());
        } catch (JsonParser.JsonException | IllegalArgumentException e) {
            throw new IOException(in.name() + " is not a quirks file: " + e.getMessage());
        }
    }
}

package dev.baton.cli.option;

import dev.baton.core.engine.Quirks;
import dev.baton.core.json.JsonParser;
import dev.baton.core.wire.Utf8;
import java.io.IOException;
import java.nio.ByteBuffer;
import picocli.CommandLine.Option;

/**
 * The {@code --quirks FILE} option of every command that loads or decodes a stream (inspect,
 * verify, migrate receive, store live-update): the known mistakes of past producers
 * (docs/COMPATIBILITY.md), read in one JSON format, so that each applies the same quirks.
 */
public final class QuirksOption {
    @Option(names = "--quirks", paramLabel = "FILE",
            description = "Quirks of past producers to apply when decoding or loading the stream (JSON; see "
                    + "docs/COMPATIBILITY.md); - for standard input.")
    String file;

    /** The file as read: its text, and the quirks it lists. */
    public record Read(String text, Quirks quirks) {
    }

    /** Whether the option was given. */
    public boolean given() {
        return file != null;
    }

    /** The quirks the file lists; none without the option. Throws as {@link #read()}. */
    public Quirks quirks() throws IOException, BadInputException {
        return file == null ? Quirks.none() : read().quirks();
    }

    /**
     * Reads the file: its text (for a command that hands it on whole) and its quirks.
     *
     * @throws BadInputException naming the file when it is not a quirks file (bad input, exit 1)
     * @throws IOException       when it cannot be read (exit 2)
     */
    public Read read() throws IOException, BadInputException {
        InputFile in = InputFile.of(file);
        byte[] octets = in.readAllBytes();
        String text = Utf8.decode(ByteBuffer.wrap(octets), 0, octets.length);
        if (text == null) {
            throw new BadInputException(in.name() + " is not a quirks file: it is not UTF-8 text");
        }
        try {
            return new Read(text, Quirks.fromJson(text));
        } catch (JsonParser.JsonException | IllegalArgumentException e) {
            throw new BadInputException(in.name() + " is not a quirks file: " + e.getMessage());
        }
    }
}

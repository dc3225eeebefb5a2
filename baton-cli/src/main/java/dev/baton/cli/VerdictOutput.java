package dev.baton.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * How the verify commands ({@code verify}, {@code xen verify}, {@code qemu verify}) print the
 * verdict their module returned. Text: a line per problem, then the notes, then {@code NAME:
 * valid: WHAT} or {@code NAME: invalid: N problems}. JSON: one document, {@code {"file", the
 * command's keys, "problems": [...], the command's keys after them}}, the problems as
 * {@link ProblemJson} writes them. Public for the subcommand packages.
 */
public final class VerdictOutput {
    private VerdictOutput() {
    }

    /** Keys a command writes into its verdict's JSON document. */
    @FunctionalInterface
    public interface Keys {
        void write(JsonGenerator g) throws IOException;

        /** No keys. */
        static Keys none() {
            return g -> { };
        }
    }

    /**
     * Prints the verdict as text.
     *
     * @param name  the input, as messages name it
     * @param notes lines said of a stream besides its problems, before the verdict
     * @param valid what the stream is, for the last line when there is no problem
     */
    public static void text(String name, List<StreamFormatException> problems, List<String> notes,
            Supplier<String> valid) {
        for (StreamFormatException p : problems) {
            Lines.println(System.out, name + ": " + p.getMessage(), 4);
        }
        for (String note : notes) {
            Lines.println(System.out, name + ": " + note, 4);
        }
        if (problems.isEmpty()) {
            Lines.println(System.out, name + ": valid: " + valid.get(), 4);
        } else {
            System.out.println(name + ": invalid: " + Plural.count(problems.size(), "problem"));
        }
    }

    /** Prints the verdict as one JSON document, ended by a newline. */
    public static void json(String name, Keys before, List<StreamFormatException> problems, Keys after)
            throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(System.out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("file", name);
            before.write(g);
            ProblemJson.writeArray(g, "problems", problems);
            after.write(g);
            g.writeEndObject();
        }
        System.out.println();
    }
}

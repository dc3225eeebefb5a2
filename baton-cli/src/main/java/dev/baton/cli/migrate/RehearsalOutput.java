package dev.baton.cli.migrate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.Lines;
import dev.baton.migrate.returnpath.ControlMessage;
import dev.baton.migrate.session.RehearsalReport;
import java.io.PrintStream;
import java.util.Locale;

/**
 * How {@code migrate send --rehearse} and {@code migrate receive} print a rehearsal's report: its
 * lines ({@link RehearsalReport#lines()}), or its JSON object (docs/CLI.md gives the keys).
 */
final class RehearsalOutput {
    private RehearsalOutput() {
    }

    /** The report's lines, each section's and problem's, then the stream's and the time it took. */
    static void print(PrintStream out, RehearsalReport r) {
        for (String line : r.lines()) {
            Lines.println(out, line, 4);
        }
        Lines.println(out, String.format(Locale.ROOT, "rehearsed in %.2f s", r.nanos() / 1e9), 4);
        out.flush();
    }

    /** The report as the {@code rehearsal} object of a command's JSON document. */
    static void json(ObjectNode doc, RehearsalReport r) {
        ObjectNode o = doc.putObject("rehearsal");
        o.put("passed", r.passed());
        o.put("verdict", r.verdict());
        o.put("records", r.records());
        o.put("octets", r.octets());
        o.put("nanos", r.nanos());
        o.put("sentSha256", r.sentSha256().isEmpty() ? null : r.sentSha256());
        o.put("readSha256", r.readSha256());
        if (r.sentSha256().isEmpty()) {
            o.putNull("digestMatches");
        } else {
            o.put("digestMatches", r.digestMatches());
        }
        ArrayNode sections = o.putArray("sections");
        for (ControlMessage.Report.Section s : r.sections()) {
            ObjectNode n = sections.addObject();
            n.put("idstr", s.idstr());
            n.put("instance", s.instance());
            n.put("version", s.version());
            n.put("outcome", s.outcome().name().toLowerCase(Locale.ROOT));
            n.put("reason", s.reason());
        }
        o.put("omitted", r.omitted());
        r.problems().forEach(o.putArray("problems")::add);
    }
}

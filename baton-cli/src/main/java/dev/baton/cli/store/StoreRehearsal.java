package dev.baton.cli.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.ErrorHandler;
import dev.baton.cli.JsonOutput;
import dev.baton.cli.Lines;
import dev.baton.store.live.RunDirectory;
import dev.baton.store.live.StoreControl;
import dev.baton.store.live.StoreProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code baton store live-update --rehearse}: a new process at the release takes the running
 * store's whole state as a rehearsal, loads it, checks it, reports and exits; the running store
 * serves throughout and is never paused (docs/STORE.md, "Rehearsing a live update").
 */
final class StoreRehearsal {
    private StoreRehearsal() {
    }

    /**
     * Rehearses; prints the report (or its JSON object, {@code o} filled so far); exit 0 when it
     * passed, 1 in one line when it did not or could not run.
     */
    static int run(CommandSpec spec, StoreControl store, StoreControl.Info running, String release,
            RunDirectory dir, RunDirectory.Update files, Path quirks, Duration timeout, boolean json, ObjectNode o) {
        StoreProcess next = null;
        StoreProcess.Rehearsal r;
        try (LiveUpdateBar bar = new LiveUpdateBar()) {
            next = StoreProcess.takeoverDetached(store, running, release, files.log(), quirks, timeout);
            r = StoreProcess.rehearse(store, next, timeout, bar);
        } catch (IOException e) {
            r = new StoreProcess.Rehearsal(false, false, e.getMessage(), java.util.List.of(), 0, 0, 0, "");
        }
        String stopped = "";
        if (next != null && next.alive()) {
            // it would wait for a migration that never comes
            next.close();
            stopped = "; the new process (" + next.process().pid() + ") is stopped";
        }
        if (!r.ran()) {
            return CommandError.print(spec, "rehearsal failed: " + r.verdict() + stopped + "; the store serves on",
                    ErrorHandler.BAD_INPUT);
        }
        if (json) {
            ObjectNode x = o.putObject("rehearsal");
            x.put("passed", r.passed()).put("verdict", r.verdict()).put("records", r.records())
                    .put("octets", r.octets()).put("totalMillis", r.totalMillis()).put("profile", r.profile());
            r.lines().forEach(x.putArray("lines")::add);
            o.put("newPid", next.process().pid()).put("runDir", dir.path().toString())
                    .put("log", files.log().toString());
            JsonOutput.print(o);
        } else {
            System.out.printf(Locale.ROOT, "rehearsal of live update %s -> %s (profile %s) in %.0f ms; the store served"
                    + " throughout, never paused%n", running.release(), release, r.profile(), r.totalMillis());
            r.lines().forEach(l -> Lines.println(System.out, l, 4));
            System.out.println("process " + next.process().pid() + " loaded it, checked it, discarded it and exited;"
                    + " its output is in " + files.log());
            if (r.passed()) {
                Lines.println(System.out, r.verdict(), 4);
            }
            System.out.flush();
        }
        return r.passed() ? 0 : CommandError.print(spec, r.verdict(), ErrorHandler.BAD_INPUT);
    }
}

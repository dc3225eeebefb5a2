package dev.baton.cli.store;

import dev.baton.cli.ErrorHandler;
import dev.baton.cli.JsonOutput;
import dev.baton.store.live.StoreControl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton store stop --control SOCKET}: stops a running store. */
@Command(name = "stop",
        description = {"Stop a running store (started by `baton store serve` or a live update): it closes its port "
                + "and exits; its clients' connections are gone.",
            "Exit 0 once the process has ended; 2 when the control socket cannot be reached."})
final class StoreStopCommand implements Callable<Integer> {

    @Option(names = "--control", required = true, paramLabel = "SOCKET",
            description = "The store's control socket (printed by `baton store serve` or `baton store live-update`).")
    Path control;

    @Option(names = "--json", description = "Print one JSON object saying which process stopped (docs/CLI.md).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        StoreControl.Info info;
        try {
            info = StoreControl.at(control).info(ControlRequest.TIMEOUT);
        } catch (IOException e) {
            return CommandError.print(spec, e.getMessage(), ErrorHandler.USAGE_OR_IO);
        }
        StoreControl.Reply r = ControlRequest.send(control, "STOP");
        if (!r.ok()) {
            return ControlRequest.refused(spec, r);
        }
        // the store answers before it exits: wait for the process, so that its port is free on return
        var process = ProcessHandle.of(info.pid());
        if (process.isPresent()) {
            try {
                process.get().onExit().get(ControlRequest.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return CommandError.print(spec, "process " + info.pid() + " said it stops but has not ended within "
                        + ControlRequest.TIMEOUT.toSeconds() + " s", ErrorHandler.USAGE_OR_IO);
            }
        }
        if (json) {
            JsonOutput.print(JsonOutput.object().put("pid", info.pid()).put("host", info.host()).put("port", info.port())
                    .put("release", info.release()));
        } else {
            System.out.println("stopped the store on " + info.host() + ":" + info.port() + " (process " + info.pid()
                    + ", release " + info.release() + ")");
        }
        return 0;
    }
}

package dev.baton.cli.store;

import dev.baton.cli.VersionProvider;
import dev.baton.cli.option.Ranges;
import dev.baton.cli.option.StoreRanges;
import dev.baton.store.client.StoreClient;
import dev.baton.store.client.WatchEvent;
import dev.baton.store.protocol.StoreException;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton store watch --port P PATH [--count N]}: prints a watch's events as they come. */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Watch PATH and everything below it, and print the path of each event as it comes, one a "
                + "line, until interrupted or --count events. The first event is the watch being set (xenstore's "
                + "rule): --count 2 waits for one change.",
            "The watch follows the store through live updates. Exit 1 when the store refuses the watch or the "
                    + "connection is lost for good."})
final class StoreWatchCommand extends ClientCommand {

    @Parameters(paramLabel = "PATH", description = "The path to watch, e.g. /local/domain/1.")
    String path;

    @Option(names = "--count", paramLabel = "N", converter = Ranges.Positive.class,
            description = "Stop after N events, the first included (default: run until interrupted).")
    Integer count;

    @Option(names = "--depth", paramLabel = "N", converter = StoreRanges.WatchDepth.class,
            description = "Only changes at most N levels below PATH (release 2.0; default: any depth).")
    Integer depth;

    @Option(names = "--token", paramLabel = "TEXT", defaultValue = "baton",
            description = "The watch's token, as events carry it (default: ${DEFAULT-VALUE}).")
    String token;

    @Override
    int run(StoreClient c) throws InterruptedException {
        // say BYE when interrupted, so that the store drops the watch at once
        Thread bye = new Thread(c::close, "store-watch-bye");
        Runtime.getRuntime().addShutdownHook(bye);
        if (depth == null) {
            c.watch(path, token);
        } else {
            c.watch(path, token, depth);
        }
        for (long seen = 0; count == null || seen < count; ) {
            WatchEvent e = c.nextEvent(Duration.ofSeconds(1));
            if (e == null) {
                StoreException lost = c.failure();
                if (lost != null) {
                    throw lost;
                }
                continue;
            }
            seen++;
            if (json) {
                Json.printLine(Json.object().put("path", e.path()).put("token", e.token()));
            } else {
                System.out.println(e.path());
                System.out.flush();
            }
        }
        Runtime.getRuntime().removeShutdownHook(bye);
        return 0;
    }
}

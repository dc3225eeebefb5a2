package com.example.ratelimiter.migration;

import com.example.ratelimiter.RateLimiter;
import com.example.ratelimiter.RateLimiterApplication;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A process that saves the limiter to a file, or restores it from one, through the limiter's own
 * {@code save} and {@code restore}: what a release does around a restart or a rollback. The tests
 * run it on either release's jar, so it calls only what both releases have.
 *
 * <pre>
 * LimiterFile save FILE RELEASE   launch() the limiter (alice two requests, bob seven), save it for RELEASE
 * LimiterFile restore FILE        restore the limiter from FILE and say what it holds
 * </pre>
 */
final class LimiterFile {
    private LimiterFile() {
    }

    public static void main(String[] args) throws IOException {
        RateLimiterApplication app = new RateLimiterApplication();
        // version(), not RateLimiter.VERSION: a constant is compiled in from the release this was built against
        String release = app.name() + " " + app.version();
        if (args.length == 3 && args[0].equals("save")) {
            app.launch();
            app.limiter().save(Path.of(args[1]), args[2]);
            System.out.println(release + " saved for " + args[2] + ": " + app.limiter().summary());
        } else if (args.length == 2 && args[0].equals("restore")) {
            try {
                RateLimiter limiter = RateLimiter.restore(Path.of(args[1]), RateLimiterApplication.clock());
                System.out.println(release + " restored: " + limiter.summary());
            } catch (IOException e) { // a stream this release cannot load
                System.out.println(release + " cannot restore " + args[1] + ": " + e.getMessage());
                System.exit(1);
            }
        } else {
            System.err.println("usage: LimiterFile save FILE RELEASE | restore FILE");
            System.exit(2);
        }
    }
}

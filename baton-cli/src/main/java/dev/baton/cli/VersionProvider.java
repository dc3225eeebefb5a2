package dev.baton.cli;

import dev.baton.core.wire.VersionWindow;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code --version}: Baton's release and the stream format versions it reads and writes. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // a build without the resource still answers
        }
        return p.getProperty("version", "unknown");
    }

    /** Prints {@link #getVersion()} a line each, as picocli prints it for {@code --version}. */
    static void print(PrintStream out) {
        for (String line : new VersionProvider().getVersion()) {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public String[] getVersion() {
        VersionWindow w = VersionWindow.supported();
        return new String[] {
            "baton " + version(),
            "stream format versions " + w + ", Java " + Runtime.version()
        };
    }
}

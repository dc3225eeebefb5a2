package dev.baton.cli;

import dev.baton.core.wire.VersionWindow;
import java.io.IOException;
import java.io.InputStream;
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

    @Override
    public String[] getVersion() {
        VersionWindow w = VersionWindow.supported();
        return new String[] {
            "baton " + version(),
            "stream format versions " + w + ", Java " + Runtime.version()
        };
    }
}

package dev.baton.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A client of a store started by {@code baton store serve}, for the CLI tests. */
final class StoreClient {
    private StoreClient() {
    }

    /** Says HELLO as domain 0, sends the lines, and returns what the store answered. */
    static String talk(int port, String... lines) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            PrintWriter w = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            w.println("HELLO 0");
            StringBuilder out = new StringBuilder(r.readLine()).append('\n');
            for (String l : lines) {
                w.println(l);
                out.append(r.readLine()).append('\n');
            }
            return out.toString();
        }
    }
}

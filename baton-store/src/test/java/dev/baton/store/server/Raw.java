package dev.baton.store.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw protocol connection for tests: send lines, read lines, as {@code nc} would. */
final class Raw implements AutoCloseable {
    final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    Raw(StoreServer server) throws IOException {
        this(new Socket(server.address().getAddress(), server.port()));
    }

    /** Talks on a socket already connected (a TLS one). */
    Raw(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(5000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
    }

    /** Connects and says HELLO; returns the WELCOME line. */
    static Raw hello(StoreServer server, int domid) throws IOException {
        Raw r = new Raw(server);
        String w = r.ask("HELLO " + domid);
        if (!w.startsWith("WELCOME ")) {
            throw new IOException("no welcome: " + w);
        }
        r.welcome = w;
        return r;
    }

    String welcome;

    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    void sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    String line() throws IOException {
        return in.readLine();
    }

    /** Sends a line and reads the next one. */
    String ask(String line) throws IOException {
        send(line);
        return line();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

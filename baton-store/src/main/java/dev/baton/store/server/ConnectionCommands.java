package dev.baton.store.server;

/** The handlers of ACK and BYE: a connection's output and its end. */
final class ConnectionCommands {
    private ConnectionCommands() {
    }

    /** {@code ACK <lines-read>}: the client has read that many lines; no reply. */
    static Reply ack(Request r) {
        r.connection().ack(r.number(0, Long.MAX_VALUE, "lines read"));
        return Reply.NONE;
    }

    /** {@code BYE}: OK, then the store forgets the connection and closes its socket. */
    static Reply bye(Request r) {
        return Reply.OK_THEN_CLOSE;
    }
}

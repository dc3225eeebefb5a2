package dev.baton.migrate.returnpath;

import dev.baton.core.wire.StreamFormatException;

/**
 * Bad octets in a control message: a {@link StreamFormatException} whose message names the
 * direction, the offset in that direction's octets, the message's index and its type, e.g.
 * {@code return path, offset 40, message #1 (ACCEPT): checksum mismatch: ...}.
 */
public final class ControlFormatException extends StreamFormatException {
    private static final long serialVersionUID = 1L;

    private final String direction;

    public ControlFormatException(String problem, String direction, long offset, long index, int type) {
        super(problem, offset, index, type, direction);
        this.direction = direction;
    }

    /** "return path" or "forward control". */
    public String direction() {
        return direction;
    }

    @Override
    public String getMessage() {
        String type = recordType() == ControlCodec.NO_TYPE ? "" : " (" + ControlCodec.name(recordType()) + ")";
        return direction + ", offset " + offset() + ", message #" + recordIndex() + type + ": " + problem();
    }
}

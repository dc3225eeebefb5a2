package dev.baton.migrate.returnpath;

import java.util.List;
import java.util.Objects;

/**
 * The small framed messages of a migration session that are not part of the Baton stream
 * (docs/MIGRATION.md, "Control messages"). The target sends {@link Hello}, {@link Accept} or
 * {@link Refuse}, {@link Ack} and {@link Done} back on the return path, and {@link Error} at any
 * time; the source sends {@link Start} or {@link Abort} before the stream and {@link Go} after it.
 */
public sealed interface ControlMessage {

    /** The message's type code on the wire. */
    int type();

    /** Its name, for messages and logs. */
    default String name() {
        return ControlCodec.name(type());
    }

    /**
     * Target to source, first: what the target reads.
     *
     * @param application the target's application name; the source refuses to migrate into another
     * @param protocolMin lowest migration protocol version (stage table) the target runs
     * @param protocolMax highest
     * @param streamMin   lowest Baton stream format version the target reads
     * @param streamMax   highest
     * @param profiles    the release profiles the target accepts, oldest first; empty when it has none
     */
    record Hello(String application, int protocolMin, int protocolMax, int streamMin, int streamMax,
            List<String> profiles) implements ControlMessage {
        public Hello {
            Objects.requireNonNull(application, "application");
            profiles = List.copyOf(profiles);
        }

        @Override
        public int type() {
            return ControlCodec.HELLO;
        }
    }

    /**
     * Source to target, before the stream: what the source will write.
     *
     * @param protocol the migration protocol version
     * @param stream   the stream format version
     * @param profile  the release profile, empty for none
     */
    record Start(int protocol, int stream, String profile) implements ControlMessage {
        public Start {
            Objects.requireNonNull(profile, "profile");
        }

        @Override
        public int type() {
            return ControlCodec.START;
        }
    }

    /** Source to target, instead of the stream: the source cannot write anything the target reads. */
    record Abort(String reason) implements ControlMessage {
        public Abort {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int type() {
            return ControlCodec.ABORT;
        }
    }

    /** Target to source, after STATIC_DATA_END: send the dynamic state. */
    record Accept() implements ControlMessage {
        @Override
        public int type() {
            return ControlCodec.ACCEPT;
        }
    }

    /** Target to source, after STATIC_DATA_END: the target will not take this state, and why. */
    record Refuse(String reason) implements ControlMessage {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int type() {
            return ControlCodec.REFUSE;
        }
    }

    /**
     * Target to source, after END and post-load: the whole state is loaded (not yet running).
     *
     * @param records the records the target read, END included
     * @param octets  the octets of the stream it read, from the preamble to the end of END
     */
    record Ack(long records, long octets) implements ControlMessage {
        @Override
        public int type() {
            return ControlCodec.ACK;
        }
    }

    /** Source to target, after ACK: the source has committed and will not resume; start running. */
    record Go() implements ControlMessage {
        @Override
        public int type() {
            return ControlCodec.GO;
        }
    }

    /** Target to source, after GO: the target runs on the migrated state. */
    record Done() implements ControlMessage {
        @Override
        public int type() {
            return ControlCodec.DONE;
        }
    }

    /** Target to source, at any time: the target failed and discards what it loaded. */
    record Error(String reason) implements ControlMessage {
        public Error {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int type() {
            return ControlCodec.ERROR;
        }
    }
}

package dev.baton.migrate.returnpath;

import java.util.List;
import java.util.Objects;

/**
 * The small framed messages of a migration session that are not part of the Baton stream
 * (docs/MIGRATION.md, "Control messages"). The target sends {@link Hello}, {@link Accept} or
 * {@link Refuse}, {@link Ack} and {@link Done} back on the return path, and {@link Error} at any
 * time; the source sends {@link Start} or {@link Abort} before the stream and {@link Go} after it.
 * A rehearsal (docs/MIGRATION.md, "Rehearsal") begins with {@link Rehearse} instead of START and
 * ends with the target's {@link Report} instead of ACK: no GO, no DONE.
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
     * @param channels    the most connections the target takes for this migration (docs/MIGRATION.md,
     *                    "Channels"): 1, and then not on the wire, or 2 to {@link ControlCodec#MAX_CHANNELS}
     */
    record Hello(String application, int protocolMin, int protocolMax, int streamMin, int streamMax,
            List<String> profiles, int channels) implements ControlMessage {
        public Hello {
            Objects.requireNonNull(application, "application");
            profiles = List.copyOf(profiles);
            if (channels < 1 || channels > ControlCodec.MAX_CHANNELS) {
                throw new IllegalArgumentException("channels " + channels + " is not 1 to " + ControlCodec.MAX_CHANNELS);
            }
        }

        /** The HELLO of a target that takes one connection: what every target sent before channels. */
        public Hello(String application, int protocolMin, int protocolMax, int streamMin, int streamMax,
                List<String> profiles) {
            this(application, protocolMin, protocolMax, streamMin, streamMax, profiles, 1);
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
     * @param channels connections the migration uses, this one included: 1, and then not on the
     *                 wire, or 2 up to the HELLO's {@code channels}
     * @param token    with more than one channel, the {@link ControlCodec#TOKEN} random octets, in
     *                 lower-case hex, that each other channel's {@link Join} must present; else empty
     */
    record Start(int protocol, int stream, String profile, int channels, String token) implements ControlMessage {
        public Start {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(token, "token");
            if (channels < 1 || channels > ControlCodec.MAX_CHANNELS) {
                throw new IllegalArgumentException("channels " + channels + " is not 1 to " + ControlCodec.MAX_CHANNELS);
            }
            if ((channels == 1) != token.isEmpty() || !token.isEmpty() && !token.matches("[0-9a-f]{32}")) {
                throw new IllegalArgumentException("a START of " + channels + " channels with token '" + token + "'");
            }
        }

        /** The START of a migration over one connection. */
        public Start(int protocol, int stream, String profile) {
            this(protocol, stream, profile, 1, "");
        }

        @Override
        public int type() {
            return ControlCodec.START;
        }
    }

    /**
     * Source to target, first on each channel but the first (docs/MIGRATION.md, "Channels"): which
     * channel this is and the migration's token from START, which proves it belongs to that
     * migration. The target refuses a channel whose token is not its migration's.
     *
     * @param channel the channel's number, 1 to START's {@code channels} - 1 (0 is the main connection)
     * @param token   START's token, lower-case hex
     */
    record Join(int channel, String token) implements ControlMessage {
        public Join {
            Objects.requireNonNull(token, "token");
            if (channel < 1 || channel >= ControlCodec.MAX_CHANNELS || !token.matches("[0-9a-f]{32}")) {
                throw new IllegalArgumentException("JOIN of channel " + channel + " with token '" + token + "'");
            }
        }

        @Override
        public int type() {
            return ControlCodec.JOIN;
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

    /**
     * Target to source, while the stream flows: the target has loaded the stream up to the end of
     * a LOAD_MARK record (docs/MIGRATION.md, "Load marks"). The source keeps its pause until what
     * the target has yet to load fits the downtime limit. Sent only in answer to LOAD_MARK, which
     * only a source that reads LOADED writes.
     *
     * @param records the records the target read, the LOAD_MARK included
     * @param octets  the octets of the stream it read, from the preamble to the end of the LOAD_MARK
     */
    record Loaded(long records, long octets) implements ControlMessage {
        @Override
        public int type() {
            return ControlCodec.LOADED;
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

    /**
     * Source to target, instead of {@link Start}: the same choice, for a rehearsal. The target loads
     * the stream into a fresh instance, checks it, discards it and answers {@link Report}; it never
     * activates, and the source never pauses. A target that predates rehearsals does not know this
     * type and fails at once (ERROR), before it loads anything.
     *
     * @param protocol the migration protocol version
     * @param stream   the stream format version
     * @param profile  the release profile, empty for none
     */
    record Rehearse(int protocol, int stream, String profile) implements ControlMessage {
        public Rehearse {
            Objects.requireNonNull(profile, "profile");
        }

        @Override
        public int type() {
            return ControlCodec.REHEARSE;
        }
    }

    /**
     * Target to source, after END of a rehearsal: what it loaded and what it could not, after it
     * discarded the instance.
     *
     * @param records       the records the target read, END included
     * @param octets        the octets of the stream it read, preamble to the end of END
     * @param streamSha256  SHA-256 of those octets, 64 hex digits: the source compares it with its own
     * @param sections      each SECTION the target met, in stream order (at most as many as fit)
     * @param omitted       sections met but left out of {@code sections} to keep the message in its limit
     * @param problems      what else failed: the application's checks, regions, the stream's end
     */
    record Report(long records, long octets, String streamSha256, List<Section> sections, long omitted,
            List<String> problems) implements ControlMessage {
        public Report {
            Objects.requireNonNull(streamSha256, "streamSha256");
            sections = List.copyOf(sections);
            problems = List.copyOf(problems);
        }

        @Override
        public int type() {
            return ControlCodec.REPORT;
        }

        /** Whether every section loaded (and wrote back the same) and nothing else failed. */
        public boolean clean() {
            return omitted == 0 && problems.isEmpty()
                    && sections.stream().allMatch(s -> s.outcome() == Outcome.LOADED);
        }

        /** What became of one SECTION. */
        public enum Outcome {
            /** Loaded, and saved again under the stream's profile it gives the octets that came. */
            LOADED(1),
            /** Not loaded: unknown here, or its data refused; {@code reason} says why. */
            FAILED(2),
            /** Loaded, but saved again under the stream's profile it gives other octets: the load lost or changed something. */
            DIFFERS(3);

            private final int code;

            Outcome(int code) {
                this.code = code;
            }

            /** Its octet on the wire. */
            public int code() {
                return code;
            }

            static Outcome of(int code) {
                for (Outcome o : values()) {
                    if (o.code == code) {
                        return o;
                    }
                }
                return null;
            }
        }

        /**
         * One section's outcome.
         *
         * @param idstr    the section's name
         * @param instance its instance id
         * @param version  the version the stream carried it at
         * @param reason   why it failed or differs; empty when it loaded
         */
        public record Section(Outcome outcome, String idstr, int instance, int version, String reason) {
            public Section {
                Objects.requireNonNull(outcome, "outcome");
                Objects.requireNonNull(idstr, "idstr");
                Objects.requireNonNull(reason, "reason");
            }

            /** {@code idstr/instance}, as errors name sections. */
            public String name() {
                return idstr + "/" + instance;
            }
        }
    }
}

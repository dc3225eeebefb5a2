package dev.baton.migrate.session;

import dev.baton.core.wire.VersionWindow;
import dev.baton.migrate.returnpath.ControlMessage;
import java.util.List;

/**
 * How a source picks what to write from a target's HELLO: the highest protocol version and
 * stream version both run, and the newest release profile of its own that the target accepts.
 * When there is none, it says why, naming both sides' ranges or lists.
 */
public final class Negotiation {
    private Negotiation() {
    }

    /**
     * What the source will write.
     *
     * @param protocol the protocol version
     * @param stream   the stream format version
     * @param profile  the release profile, empty for none
     * @param note     why, in words
     */
    public record Choice(int protocol, int stream, String profile, String note) {
    }

    /** Thrown when the two ends have nothing in common. */
    public static final class NoCommonGround extends Exception {
        private static final long serialVersionUID = 1L;

        public NoCommonGround(String message) {
            super(message);
        }
    }

    /**
     * @param hello          what the target reads
     * @param application    the source's application name
     * @param protocols      the protocol versions the source runs
     * @param streams        the stream versions the source writes
     * @param profiles       the source's releases, oldest first; empty when it has none
     * @param wanted         a profile the user asked for, or null for the best one
     */
    public static Choice choose(ControlMessage.Hello hello, String application, VersionWindow protocols,
            VersionWindow streams, List<String> profiles, String wanted) throws NoCommonGround {
        if (!hello.application().equals(application)) {
            throw new NoCommonGround("the target runs application '" + hello.application() + "', this source is '"
                    + application + "'");
        }
        int protocol = highestCommon(protocols, hello.protocolMin(), hello.protocolMax(), "migration protocol");
        int stream = highestCommon(streams, hello.streamMin(), hello.streamMax(), "stream format");
        String profile;
        String why;
        if (wanted != null) {
            if (!profiles.isEmpty() && !profiles.contains(wanted)) {
                throw new NoCommonGround("this source has no release profile '" + wanted + "' (it has " + profiles + ")");
            }
            if (!hello.profiles().isEmpty() && !hello.profiles().contains(wanted)) {
                throw new NoCommonGround("the target does not accept release profile '" + wanted + "' (it accepts "
                        + hello.profiles() + ")");
            }
            profile = wanted;
            why = "profile " + wanted + " as asked";
        } else if (profiles.isEmpty()) {
            profile = "";
            why = "no release profiles";
        } else if (hello.profiles().isEmpty()) {
            profile = profiles.getLast();
            why = "profile " + profile + ", this source's newest (the target lists none)";
        } else {
            profile = null;
            for (int i = profiles.size() - 1; i >= 0 && profile == null; i--) {
                if (hello.profiles().contains(profiles.get(i))) {
                    profile = profiles.get(i);
                }
            }
            if (profile == null) {
                throw new NoCommonGround("the target accepts release profiles " + hello.profiles()
                        + ", this source writes " + profiles + ": none in common");
            }
            why = "profile " + profile + ", the newest both know";
        }
        return new Choice(protocol, stream, profile, "protocol " + protocol + " and stream version " + stream
                + ", the highest both run; " + why);
    }

    private static int highestCommon(VersionWindow mine, int theirMin, int theirMax, String what) throws NoCommonGround {
        int v = Math.min(mine.max(), theirMax);
        if (v < Math.max(mine.min(), theirMin)) {
            throw new NoCommonGround("no " + what + " version in common: the target runs [" + theirMin + ", " + theirMax
                    + "], this source " + mine);
        }
        return v;
    }
}

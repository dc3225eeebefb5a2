package dev.baton.store.live;

/**
 * How far a live update has got, as the old process reports it while it sends its tree: after
 * each chunk of the first pass, and at the end of every pass. On the control channel it is a line
 * {@code PASS <pass> <paused 0|1> <sent> <to-send> <octets> <dirty>} before the final answer.
 *
 * @param pass   0 for the first pass, which sends the whole tree; then one per round of dirty paths
 * @param paused true for the last pass, made while the store is paused
 * @param sent   nodes (and removed subtrees) this pass has sent so far
 * @param toSend what this pass sends in all (for the first pass, the tree's size when it began)
 * @param octets octets of the migration stream so far, all passes together
 * @param dirty  paths changed since this pass took its list: what the next pass sends again
 */
public record LiveProgress(int pass, boolean paused, long sent, long toSend, long octets, long dirty) {

    /** The prefix of a progress line on the control channel. */
    static final String PREFIX = "PASS ";

    /** This progress as a control-port line. */
    public String line() {
        return PREFIX + pass + " " + (paused ? 1 : 0) + " " + sent + " " + toSend + " " + octets + " " + dirty;
    }

    /**
     * Parses a control-port line made by {@link #line()}.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static LiveProgress parse(String line) {
        String[] t = line.split(" ");
        if (t.length != 7 || !line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a progress line: " + line);
        }
        try {
            return new LiveProgress(Integer.parseInt(t[1]), t[2].equals("1"), Long.parseLong(t[3]),
                    Long.parseLong(t[4]), Long.parseLong(t[5]), Long.parseLong(t[6]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a progress line: " + line, e);
        }
    }
}

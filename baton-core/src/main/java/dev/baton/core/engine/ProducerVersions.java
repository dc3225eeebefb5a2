package dev.baton.core.engine;

/** Orders producer versions such as {@code 1.10.2} numerically, part by part. */
final class ProducerVersions {
    private ProducerVersions() {
    }

    /**
     * Compares dotted versions part by part: numerically where both parts are numbers, as text
     * otherwise; a missing part counts as 0, and anything after a '-' or '+' is ignored.
     */
    static int compare(String a, String b) {
        String[] x = strip(a).split("\\.");
        String[] y = strip(b).split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c;
            try {
                c = Long.compare(Long.parseLong(p), Long.parseLong(q));
            } catch (NumberFormatException e) {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String strip(String v) {
        int cut = v.length();
        for (char c : new char[] {'-', '+'}) {
            int at = v.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return v.substring(0, cut);
    }
}

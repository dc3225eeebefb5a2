package dev.baton.core.wire;

/**
 * A count and its noun, in agreement: {@code 1 record}, {@code 2 records}, {@code 0 passes}.
 * Every message that prints a count goes through here, so none says "1 notes".
 */
public final class Plural {
    private Plural() {
    }

    /**
     * {@code n} and {@code noun}, the noun in the plural unless {@code n} is 1 or -1: {@code -s},
     * {@code -es} after s, x, z, ch and sh, {@code -ies} for a consonant and y.
     */
    public static String count(long n, String noun) {
        return n + " " + (n == 1 || n == -1 ? noun : plural(noun));
    }

    /** {@code n} and the noun's given singular or plural, for nouns the rules above get wrong. */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 || n == -1 ? singular : plural);
    }

    /** The plural of a regular English noun. */
    static String plural(String noun) {
        if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("z") || noun.endsWith("ch")
                || noun.endsWith("sh")) {
            return noun + "es";
        }
        if (noun.length() > 1 && noun.endsWith("y") && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun + "s";
    }
}

package dev.baton.core.describe;

import java.util.List;

/**
 * A record or class from which {@link Derivation} cannot derive a description: its message names
 * the type, the component or field (when the rule is about one), and the rule it breaks, e.g.
 * {@code cannot derive a description from record com.acme.Disk, component 'key': a byte[] needs
 * @Size(n) or @CountField("field")}. For a nested type it also says through which members it was
 * reached.
 */
public final class DerivationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Class<?> type;
    private final String member;
    private final String rule;
    private final List<String> via;

    DerivationException(Class<?> type, String member, String rule) {
        this(type, member, rule, List.of());
    }

    private DerivationException(Class<?> type, String member, String rule, List<String> via) {
        super(message(type, member, rule, via));
        this.type = type;
        this.member = member;
        this.rule = rule;
        this.via = via;
    }

    /** This error, reached through {@code member} of {@code outer} (prepended to the path). */
    DerivationException via(Class<?> outer, String outerMember) {
        List<String> path = new java.util.ArrayList<>();
        path.add(outer.getName() + "." + outerMember);
        path.addAll(via);
        return new DerivationException(type, member, rule, List.copyOf(path));
    }

    private static String message(Class<?> type, String member, String rule, List<String> via) {
        StringBuilder sb = new StringBuilder("cannot derive a description from ")
                .append(type.isRecord() ? "record " : type.isEnum() ? "enum " : "class ").append(type.getName());
        if (member != null) {
            sb.append(type.isRecord() ? ", component '" : type.isEnum() ? ", constant '" : ", field '")
                    .append(member).append('\'');
        }
        sb.append(": ").append(rule);
        if (!via.isEmpty()) {
            sb.append(" (reached through ").append(String.join(", ", via)).append(')');
        }
        return sb.toString();
    }

    /** The record, class or enum whose rule is broken. */
    public Class<?> type() {
        return type;
    }

    /** The component, field or enum constant that breaks it, or null for a rule about the type. */
    public String member() {
        return member;
    }

    /** The rule, as the message says it. */
    public String rule() {
        return rule;
    }
}

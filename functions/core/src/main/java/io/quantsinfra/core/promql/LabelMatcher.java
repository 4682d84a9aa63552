package io.quantsinfra.core.promql;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher: {@code name = value}, {@code !=}, {@code =~} (fully anchored regex, as in Prometheus)
 * or {@code !~}. A missing label matches as the empty string.
 *
 * {@snippet :
 * LabelMatcher m = LabelMatcher.of("service_name", LabelMatcher.Op.REGEX, "freqtrade-.*");
 * m.matches("freqtrade-1"); // true
 * }
 */
public record LabelMatcher(String name, Op op, String value, Pattern pattern) {

    /** The four matcher operators. */
    public enum Op {
        EQ("="), NE("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static Op fromSymbol(String s) {
            for (Op op : values()) {
                if (op.symbol.equals(s)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("unknown matcher operator '" + s + "' (use =, !=, =~ or !~)");
        }
    }

    /** A matcher; IllegalArgumentException when a regex does not compile. */
    public static LabelMatcher of(String name, Op op, String value) {
        Pattern p = null;
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            try {
                p = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("label " + name + ": '" + value + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        return new LabelMatcher(name, op, value, p);
    }

    public boolean matches(String v) {
        String x = v == null ? "" : v;
        return switch (op) {
            case EQ -> x.equals(value);
            case NE -> !x.equals(value);
            case REGEX -> pattern.matcher(x).matches();
            case NOT_REGEX -> !pattern.matcher(x).matches();
        };
    }

    public boolean matches(Labels labels) {
        return matches(labels.get(name));
    }

    /** Whether this matcher is satisfied by a label that is absent, i.e. by the empty string. */
    public boolean matchesEmpty() {
        return matches("");
    }

    @Override
    public String toString() {
        return name + op.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && m.name.equals(name) && m.op == op && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, op, value);
    }
}

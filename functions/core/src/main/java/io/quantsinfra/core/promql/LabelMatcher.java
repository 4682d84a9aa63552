package io.quantsinfra.core.promql;

/**
 * One label matcher: {@code name = value}, {@code !=}, {@code =~} or {@code !~}. A missing label matches as the
 * empty string. Regexes are RE2, compiled once here and fully anchored ({@link Regex}): {@link #of} follows
 * Prometheus (PromQL selectors), {@link #of(String, Op, String, Regex.Dialect)} says which dialect.
 *
 * {@snippet :
 * LabelMatcher m = LabelMatcher.of("service_name", LabelMatcher.Op.REGEX, "freqtrade-.*");
 * m.matches("freqtrade-1"); // true
 * }
 */
public record LabelMatcher(String name, Op op, String value, Regex regex) {

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

    /** A PromQL matcher; IllegalArgumentException when a regex is refused ({@link Regex#compile}). */
    public static LabelMatcher of(String name, Op op, String value) {
        return of(name, op, value, Regex.Dialect.PROMETHEUS);
    }

    /** A matcher whose regex follows {@code dialect}; IllegalArgumentException naming the label when refused. */
    public static LabelMatcher of(String name, Op op, String value, Regex.Dialect dialect) {
        Regex r = null;
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            try {
                r = Regex.compile(value, dialect);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("label " + name + ": " + e.getMessage());
            }
        }
        return new LabelMatcher(name, op, value, r);
    }

    public boolean matches(String v) {
        String x = v == null ? "" : v;
        return switch (op) {
            case EQ -> x.equals(value);
            case NE -> !x.equals(value);
            case REGEX -> regex.matches(x);
            case NOT_REGEX -> !regex.matches(x);
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

package io.quantsinfra.core.promql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A parsed expression of the supported subset. {@link #toString()} writes it back as PromQL.
 *
 * {@snippet :
 * Expr e = PromQl.parse("avg_over_time(aws_ecs_cpuutilization_average{service_name=\"freqtrade-1\"}[5m]) > 80");
 * List<Expr.Selector> s = e.selectors();
 * }
 */
public sealed interface Expr permits Expr.Number, Expr.Selector, Expr.RangeCall, Expr.Absent, Expr.Aggregate, Expr.Binary {

    /** Whether the expression yields a scalar (a number) rather than an instant vector. */
    boolean scalar();

    /** Every selector in the expression, in order of appearance. */
    default List<Selector> selectors() {
        List<Selector> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    /** How far back data must reach for this expression at one instant: the largest range (or the lookback). */
    default Duration window() {
        return switch (this) {
            case Number n -> Duration.ZERO;
            case Selector s -> Evaluator.LOOKBACK;
            case RangeCall r -> r.range();
            case Absent a -> Evaluator.LOOKBACK;
            case Aggregate a -> a.inner().window();
            case Binary b -> max(b.left().window(), b.right().window());
        };
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void collect(Expr e, List<Selector> out) {
        switch (e) {
            case Number n -> { }
            case Selector s -> out.add(s);
            case RangeCall r -> out.add(r.selector());
            case Absent a -> out.add(a.selector());
            case Aggregate a -> collect(a.inner(), out);
            case Binary b -> {
                collect(b.left(), out);
                collect(b.right(), out);
            }
        }
    }

    /** A number literal. */
    record Number(double value) implements Expr {
        public boolean scalar() {
            return true;
        }

        @Override
        public String toString() {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        }
    }

    /** {@code metric{matchers}}: the latest value of each matching series within the lookback. */
    record Selector(String metric, List<LabelMatcher> matchers) implements Expr {
        public Selector {
            matchers = List.copyOf(matchers);
        }

        public boolean scalar() {
            return false;
        }

        @Override
        public String toString() {
            return metric + (matchers.isEmpty() ? "" : matchers.stream().map(LabelMatcher::toString)
                    .collect(Collectors.joining(", ", "{", "}")));
        }
    }

    /** {@code fn(selector[range])}. */
    record RangeCall(RangeFn fn, Selector selector, Duration range) implements Expr {
        public boolean scalar() {
            return false;
        }

        @Override
        public String toString() {
            return fn.promql() + "(" + selector + "[" + PromDuration.format(range) + "])";
        }
    }

    /** {@code absent(selector)}: 1 when no matching series has a value, labelled by the selector's equality matchers. */
    record Absent(Selector selector) implements Expr {
        public boolean scalar() {
            return false;
        }

        @Override
        public String toString() {
            return "absent(" + selector + ")";
        }
    }

    /** {@code op by (labels) (inner)}; {@code by} is empty to aggregate everything into one sample. */
    record Aggregate(AggOp op, List<String> by, Expr inner) implements Expr {
        public Aggregate {
            by = List.copyOf(by);
        }

        public boolean scalar() {
            return false;
        }

        @Override
        public String toString() {
            return op.name().toLowerCase(Locale.ROOT) + (by.isEmpty() ? "" : " by (" + String.join(", ", by) + ")")
                    + " (" + inner + ")";
        }
    }

    /**
     * A binary operation. {@code matching} is {@code null} unless written with {@code on(...)} or
     * {@code ignoring(...)}.
     */
    record Binary(BinOp op, Expr left, Expr right, Matching matching) implements Expr {
        public boolean scalar() {
            return left.scalar() && right.scalar();
        }

        @Override
        public String toString() {
            String m = matching == null ? "" : (matching.on() ? " on(" : " ignoring(") + String.join(", ", matching.labels()) + ")";
            return "(" + left + " " + op.symbol() + m + " " + right + ")";
        }
    }

    /** {@code on(labels)} ({@code on} true) or {@code ignoring(labels)}. */
    record Matching(boolean on, List<String> labels) {
        public Matching {
            labels = List.copyOf(labels);
        }
    }

    /** The range functions. */
    enum RangeFn {
        AVG_OVER_TIME, MAX_OVER_TIME, MIN_OVER_TIME, SUM_OVER_TIME, COUNT_OVER_TIME, LAST_OVER_TIME, RATE, INCREASE;

        public String promql() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The aggregation operators. */
    enum AggOp { AVG, MAX, MIN, SUM, COUNT }

    /** Binary operators by precedence group. */
    enum BinOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"),
        EQ("=="), NE("!="), GT(">"), LT("<"), GE(">="), LE("<="),
        AND("and"), OR("or"), UNLESS("unless");

        private final String symbol;

        BinOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean comparison() {
            return this == EQ || this == NE || this == GT || this == LT || this == GE || this == LE;
        }

        public boolean set() {
            return this == AND || this == OR || this == UNLESS;
        }

        /** The comparison with its operands swapped: {@code 80 < x} is {@code x > 80}. */
        public BinOp flipped() {
            return switch (this) {
                case GT -> LT;
                case LT -> GT;
                case GE -> LE;
                case LE -> GE;
                default -> this;
            };
        }
    }
}

package io.quantsinfra.core.promql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A parsed expression. {@link #toString()} writes it back as PromQL.
 *
 * {@snippet :
 * Expr e = PromQl.parse("avg_over_time(aws_ecs_cpuutilization_average{service_name=\"freqtrade-1\"}[5m]) > 80");
 * List<Expr.Selector> s = e.selectors();
 * }
 */
public sealed interface Expr permits Expr.Number, Expr.Str, Expr.Selector, Expr.RangeCall, Expr.Call, Expr.Aggregate,
        Expr.Binary {

    /** What an expression yields. */
    enum Type { SCALAR, VECTOR, STRING }

    Type type();

    /** Whether the expression yields a scalar (a number) rather than an instant vector. */
    default boolean scalar() {
        return type() == Type.SCALAR;
    }

    /** Every selector in the expression, in order of appearance. */
    default List<Selector> selectors() {
        List<Selector> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    /** How far back data must reach for this expression at one instant: the largest range or lookback plus offset. */
    default Duration window() {
        return switch (this) {
            case Number n -> Duration.ZERO;
            case Str s -> Duration.ZERO;
            case Selector s -> Evaluator.LOOKBACK.plus(s.offset());
            case RangeCall r -> r.range().plus(r.selector().offset());
            case Call c -> c.args().stream().map(Expr::window).reduce(Duration.ZERO, Expr::max);
            case Aggregate a -> a.param() == null ? a.inner().window() : max(a.param().window(), a.inner().window());
            case Binary b -> max(b.left().window(), b.right().window());
        };
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void collect(Expr e, List<Selector> out) {
        switch (e) {
            case Number n -> { }
            case Str s -> { }
            case Selector s -> out.add(s);
            case RangeCall r -> {
                r.params().forEach(p -> collect(p, out));
                out.add(r.selector());
            }
            case Call c -> c.args().forEach(a -> collect(a, out));
            case Aggregate a -> {
                if (a.param() != null) {
                    collect(a.param(), out);
                }
                collect(a.inner(), out);
            }
            case Binary b -> {
                collect(b.left(), out);
                collect(b.right(), out);
            }
        }
    }

    /** A number literal. */
    record Number(double value) implements Expr {
        public Type type() {
            return Type.SCALAR;
        }

        @Override
        public String toString() {
            if (Double.isNaN(value)) {
                return "NaN";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? "Inf" : "-Inf";
            }
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        }
    }

    /** A string literal: an argument of label_replace, label_join or count_values. */
    record Str(String value) implements Expr {
        public Type type() {
            return Type.STRING;
        }

        @Override
        public String toString() {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    /** {@code metric{matchers} [offset d]}: the latest value of each matching series within the lookback. */
    record Selector(String metric, List<LabelMatcher> matchers, Duration offset) implements Expr {
        public Selector {
            matchers = List.copyOf(matchers);
            offset = offset == null ? Duration.ZERO : offset;
        }

        public Selector(String metric, List<LabelMatcher> matchers) {
            this(metric, matchers, Duration.ZERO);
        }

        public Type type() {
            return Type.VECTOR;
        }

        String name() {
            return metric + (matchers.isEmpty() ? "" : matchers.stream().map(LabelMatcher::toString)
                    .collect(Collectors.joining(", ", "{", "}")));
        }

        String offsetText() {
            return offset.isZero() ? "" : " offset " + PromDuration.format(offset);
        }

        @Override
        public String toString() {
            return name() + offsetText();
        }
    }

    /** {@code fn(params..., selector[range] [offset d])}; {@code params} are the scalar arguments in order. */
    record RangeCall(RangeFn fn, Selector selector, Duration range, List<Expr> params) implements Expr {
        public RangeCall {
            params = List.copyOf(params);
        }

        public RangeCall(RangeFn fn, Selector selector, Duration range) {
            this(fn, selector, range, List.of());
        }

        public Type type() {
            return Type.VECTOR;
        }

        @Override
        public String toString() {
            String m = selector.name() + "[" + PromDuration.format(range) + "]" + selector.offsetText();
            List<String> args = new ArrayList<>();
            if (fn.matrixFirst()) {
                args.add(m);
                params.forEach(p -> args.add(p.toString()));
            } else {
                params.forEach(p -> args.add(p.toString()));
                args.add(m);
            }
            return fn.promql() + "(" + String.join(", ", args) + ")";
        }
    }

    /** A function over instant vectors, scalars and strings: {@code abs(x)}, {@code label_replace(...)}, {@code time()}. */
    record Call(Fn fn, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        public Type type() {
            return fn.returns();
        }

        @Override
        public String toString() {
            return fn.promql() + "(" + args.stream().map(Expr::toString).collect(Collectors.joining(", ")) + ")";
        }
    }

    /**
     * {@code op [by|without (labels)] ([param,] inner)}; {@code by} empty and {@code without} false aggregate
     * everything into one sample.
     */
    record Aggregate(AggOp op, List<String> by, boolean without, Expr param, Expr inner) implements Expr {
        public Aggregate {
            by = List.copyOf(by);
        }

        public Aggregate(AggOp op, List<String> by, Expr inner) {
            this(op, by, false, null, inner);
        }

        public Type type() {
            return Type.VECTOR;
        }

        @Override
        public String toString() {
            String g = without ? " without (" + String.join(", ", by) + ")" : by.isEmpty() ? "" : " by (" + String.join(", ", by) + ")";
            return op.promql() + g + " (" + (param == null ? "" : param + ", ") + inner + ")";
        }
    }

    /**
     * A binary operation. {@code matching} is {@code null} unless written with {@code on(...)}, {@code ignoring(...)}
     * or a group modifier; {@code bool} turns a comparison's filter into 0/1.
     */
    record Binary(BinOp op, Expr left, Expr right, Matching matching, boolean bool) implements Expr {
        public Binary(BinOp op, Expr left, Expr right, Matching matching) {
            this(op, left, right, matching, false);
        }

        public Type type() {
            return left.scalar() && right.scalar() ? Type.SCALAR : Type.VECTOR;
        }

        @Override
        public String toString() {
            String m = matching == null ? "" : matching.toString();
            return "(" + left + " " + op.symbol() + (bool ? " bool" : "") + m + " " + right + ")";
        }
    }

    /** How two vectors match: {@code on(labels)} ({@code on} true) or {@code ignoring(labels)}, and the cardinality. */
    record Matching(boolean on, List<String> labels, Card card, List<String> include) {
        public Matching {
            labels = List.copyOf(labels);
            include = List.copyOf(include);
        }

        public Matching(boolean on, List<String> labels) {
            this(on, labels, Card.ONE_TO_ONE, List.of());
        }

        @Override
        public String toString() {
            String s = (on ? " on(" : " ignoring(") + String.join(", ", labels) + ")";
            return s + switch (card) {
                case ONE_TO_ONE -> "";
                case MANY_TO_ONE -> " group_left(" + String.join(", ", include) + ")";
                case ONE_TO_MANY -> " group_right(" + String.join(", ", include) + ")";
            };
        }
    }

    /** Vector matching cardinality: one-to-one, {@code group_left} (many-to-one), {@code group_right} (one-to-many). */
    enum Card { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY }

    /** The functions over a range of one selector. {@code scalars} is how many scalar parameters they take. */
    enum RangeFn {
        AVG_OVER_TIME(0), MAX_OVER_TIME(0), MIN_OVER_TIME(0), SUM_OVER_TIME(0), COUNT_OVER_TIME(0), LAST_OVER_TIME(0),
        QUANTILE_OVER_TIME(1), STDDEV_OVER_TIME(0), STDVAR_OVER_TIME(0), PRESENT_OVER_TIME(0), ABSENT_OVER_TIME(0),
        RATE(0), INCREASE(0), DELTA(0), IRATE(0), IDELTA(0), DERIV(0), PREDICT_LINEAR(1), CHANGES(0), RESETS(0),
        HOLT_WINTERS(2);

        private final int scalars;

        RangeFn(int scalars) {
            this.scalars = scalars;
        }

        public String promql() {
            return name().toLowerCase(Locale.ROOT);
        }

        public int scalars() {
            return scalars;
        }

        /** Whether the range comes first ({@code predict_linear(x[1h], 3600)}) rather than last ({@code quantile_over_time(0.9, x[5m])}). */
        public boolean matrixFirst() {
            return this != QUANTILE_OVER_TIME;
        }
    }

    /**
     * The instant functions. {@code params} spells the argument types: {@code v} vector, {@code s} scalar,
     * {@code S} string; {@code min} arguments are required, the rest optional; label_join takes any number of
     * source labels.
     */
    enum Fn {
        ABS("v"), CEIL("v"), FLOOR("v"), ROUND("vs", 1), SQRT("v"), EXP("v"), LN("v"), LOG2("v"), LOG10("v"), SGN("v"),
        CLAMP("vss"), CLAMP_MIN("vs"), CLAMP_MAX("vs"), TIME("", Type.SCALAR), VECTOR("s"), SCALAR("v", Type.SCALAR),
        TIMESTAMP("v"), LABEL_REPLACE("vSSSS"), LABEL_JOIN("vSS", 3), SORT("v"), SORT_DESC("v"), ABSENT("v"),
        DAY_OF_WEEK("v", 0), DAY_OF_MONTH("v", 0), DAYS_IN_MONTH("v", 0), HOUR("v", 0), MINUTE("v", 0), MONTH("v", 0),
        YEAR("v", 0), ACOS("v"), ACOSH("v"), ASIN("v"), ASINH("v"), ATAN("v"), ATANH("v"), COS("v"), COSH("v"),
        SIN("v"), SINH("v"), TAN("v"), TANH("v"), DEG("v"), RAD("v"), PI("", Type.SCALAR);

        private final String params;
        private final int min;
        private final Type returns;

        Fn(String params) {
            this(params, params.length(), Type.VECTOR);
        }

        Fn(String params, int min) {
            this(params, min, Type.VECTOR);
        }

        Fn(String params, Type returns) {
            this(params, params.length(), returns);
        }

        Fn(String params, int min, Type returns) {
            this.params = params;
            this.min = min;
            this.returns = returns;
        }

        public String promql() {
            return name().toLowerCase(Locale.ROOT);
        }

        String params() {
            return params;
        }

        int min() {
            return min;
        }

        boolean variadic() {
            return this == LABEL_JOIN;
        }

        Type returns() {
            return returns;
        }
    }

    /** The aggregation operators; {@code topk}, {@code bottomk}, {@code quantile} and {@code count_values} take a parameter. */
    enum AggOp {
        AVG, MAX, MIN, SUM, COUNT, GROUP, STDDEV, STDVAR, TOPK, BOTTOMK, QUANTILE, COUNT_VALUES;

        public String promql() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The parameter's type, or null when the operator takes none. */
        Type param() {
            return switch (this) {
                case TOPK, BOTTOMK, QUANTILE -> Type.SCALAR;
                case COUNT_VALUES -> Type.STRING;
                default -> null;
            };
        }
    }

    /** Binary operators. */
    enum BinOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), POW("^"), ATAN2("atan2"),
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

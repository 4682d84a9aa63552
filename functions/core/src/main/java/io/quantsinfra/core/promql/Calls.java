package io.quantsinfra.core.promql;

import io.quantsinfra.core.promql.Expr.AggOp;
import io.quantsinfra.core.promql.Expr.RangeFn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The calls in {@link PromQl}'s grammar: instant functions, range functions over {@code selector[range]},
 * aggregations with {@code by}/{@code without}, the functions only Prometheus evaluates (checked, not built) and the
 * ones refused with why; and the type checks of their arguments and of operator operands. An argument is a whole
 * expression, so this calls back into the parser ({@link PromQl#orExpr}), one nesting level down.
 */
final class Calls {
    private final PromQl parser;
    private final Scanner in;
    private final boolean prometheus;
    private final List<String> prometheusOnly;
    private final Map<Expr, Boolean> matrices;
    private final SeriesSyntax series;

    Calls(PromQl parser, Scanner in, boolean prometheus, List<String> prometheusOnly, Map<Expr, Boolean> matrices,
          SeriesSyntax series) {
        this.parser = parser;
        this.in = in;
        this.prometheus = prometheus;
        this.prometheusOnly = prometheusOnly;
        this.matrices = matrices;
        this.series = series;
    }

    /** Functions Prometheus has and this evaluator refuses, with the reason and what to write instead. */
    private static final Map<String, String> REFUSED_FUNCTIONS = Map.of(
            "histogram_quantile", "CloudWatch data holds no histogram buckets; use a percentile statistic such as "
                    + "aws_<namespace>_<metric>_p99, or quantile_over_time over a raw statistic",
            "histogram_count", "native histograms do not exist in CloudWatch; use the _sample_count statistic",
            "histogram_sum", "native histograms do not exist in CloudWatch; use the _sum statistic",
            "histogram_fraction", "native histograms do not exist in CloudWatch; compare a percentile statistic instead",
            "label_values", "label_values() is a Grafana template function, not PromQL");

    Expr call(String name, int start) {
        for (RangeFn fn : RangeFn.values()) {
            if (name.equals(fn.promql())) {
                return rangeCall(fn);
            }
        }
        for (Expr.Fn fn : Expr.Fn.values()) {
            if (name.equals(fn.promql())) {
                return instantCall(fn);
            }
        }
        if (prometheus && PROMETHEUS_ONLY_FUNCTIONS.containsKey(name)) {
            return prometheusOnlyCall(name, PROMETHEUS_ONLY_FUNCTIONS.get(name));
        }
        in.pos = start;
        String why = REFUSED_FUNCTIONS.get(name);
        throw in.error(name + "() is not supported" + (why == null ? " (it is not a PromQL function in Prometheus 2.42)"
                : ": " + why));
    }

    /** {@code (arg, ...)}: a call's arguments, each a whole expression, one nesting level down. */
    private List<Expr> arguments() {
        in.expect("(");
        parser.enter();
        List<Expr> args = new ArrayList<>();
        in.skipSpace();
        if (!in.peekIs(")")) {
            do {
                args.add(parser.orExpr());
                in.skipSpace();
            } while (in.symbol(","));
        }
        in.expect(")");
        parser.leave();
        return args;
    }

    /** Functions only Prometheus evaluates, with their parameter types ('s' scalar, 'v' instant vector). */
    private static final Map<String, String> PROMETHEUS_ONLY_FUNCTIONS = Map.of("histogram_quantile", "sv",
            "histogram_count", "v", "histogram_sum", "v", "histogram_fraction", "ssv");

    /** {@code histogram_quantile(φ, v)} and the native-histogram functions (Prometheus mode): checked, not built. */
    private Expr prometheusOnlyCall(String name, String params) {
        List<Expr> args = arguments();
        if (args.size() != params.length()) {
            throw in.error(name + "() takes " + params.length() + " argument" + (params.length() == 1 ? "" : "s") + ", got "
                    + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            checkType(name + "()", i + 1, args.get(i), params.charAt(i));
        }
        prometheusOnly.add(name + "()");
        Expr vector = args.getLast();
        return parser.tall(new Expr.Aggregate(Expr.AggOp.SUM, List.of(), vector), args.toArray(Expr[]::new));
    }

    private Expr instantCall(Expr.Fn fn) {
        List<Expr> args = arguments();
        String ps = fn.params();
        if (args.size() < fn.min() || args.size() > ps.length() && !fn.variadic()) {
            throw in.error(fn.promql() + "() takes " + (fn.min() == ps.length() ? "" : fn.min() + " to ") + ps.length()
                    + (fn.variadic() ? " or more" : "") + " arguments, got " + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            char want = i < ps.length() ? ps.charAt(i) : 'S';
            checkType(fn.promql() + "()", i + 1, args.get(i), want);
        }
        if (fn == Expr.Fn.LABEL_REPLACE || fn == Expr.Fn.LABEL_JOIN) {
            labelArgs(fn, args);
        }
        return parser.tall(new Expr.Call(fn, args), args.toArray(Expr[]::new));
    }

    private void labelArgs(Expr.Fn fn, List<Expr> args) {
        String dst = ((Expr.Str) args.get(1)).value();
        if (!LABEL_NAME.matcher(dst).matches()) {
            throw in.error(fn.promql() + "(): '" + dst + "' is not a valid label name");
        }
        if (fn == Expr.Fn.LABEL_REPLACE) {
            try {
                Regex.compile(((Expr.Str) args.get(4)).value(), Regex.Dialect.PROMETHEUS);
            } catch (IllegalArgumentException e) {
                throw in.error("label_replace(): " + e.getMessage());
            }
        }
    }

    private static final java.util.regex.Pattern LABEL_NAME = java.util.regex.Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private void checkType(String where, int n, Expr arg, char want) {
        if (matrices.containsKey(arg)) {
            throw in.error(where + ": argument " + n + " must be " + describe(want == 'v' ? Expr.Type.VECTOR : want == 's'
                    ? Expr.Type.SCALAR : Expr.Type.STRING) + ", got a range vector (a subquery)");
        }
        Expr.Type t = want == 'v' ? Expr.Type.VECTOR : want == 's' ? Expr.Type.SCALAR : Expr.Type.STRING;
        if (arg.type() != t) {
            throw in.error(where + ": argument " + n + " must be " + describe(t) + ", got " + describe(arg.type()));
        }
    }

    static String describe(Expr.Type t) {
        return switch (t) {
            case SCALAR -> "a number (scalar)";
            case VECTOR -> "an instant vector";
            case STRING -> "a string";
        };
    }

    void requireNumeric(Expr e, String what) {
        if (matrices.containsKey(e)) {
            throw in.error(what + " needs a number or an instant vector, not a range vector (a subquery)");
        }
        if (e.type() == Expr.Type.STRING) {
            throw in.error(what + " needs a number or a vector, not a string");
        }
    }

    Expr aggregate(AggOp op) {
        List<String> by = List.of();
        boolean without = false;
        boolean clauseFirst = false;
        if (in.keyword("without") || in.keyword("by")) {
            without = lastWithout();
            by = parser.labelList();
            clauseFirst = true;
        }
        in.expect("(");
        parser.enter();
        Expr param = null;
        if (op.param() != null) {
            param = parser.orExpr();
            checkType(op.promql() + "()", 1, param, op.param() == Expr.Type.SCALAR ? 's' : 'S');
            in.expect(",");
        }
        Expr inner = parser.orExpr();
        in.expect(")");
        parser.leave();
        if (!clauseFirst && (in.keyword("without") || in.keyword("by"))) {
            without = lastWithout();
            by = parser.labelList();
        }
        if (inner.type() != Expr.Type.VECTOR || matrices.containsKey(inner)) {
            throw in.error(op.promql() + "(...) needs a vector, not " + (matrices.containsKey(inner) ? "a range vector (a subquery)"
                    : describe(inner.type())));
        }
        if (op == AggOp.COUNT_VALUES && !LABEL_NAME.matcher(((Expr.Str) param).value()).matches()) {
            throw in.error("count_values(): '" + ((Expr.Str) param).value() + "' is not a valid label name");
        }
        return param == null ? parser.tall(new Expr.Aggregate(op, by, without, null, inner), inner)
                : parser.tall(new Expr.Aggregate(op, by, without, param, inner), inner, param);
    }

    /** Whether the keyword just read was {@code without} (rather than {@code by}). */
    private boolean lastWithout() {
        return in.pos >= 7 && in.src.regionMatches(true, in.pos - 7, "without", 0, 7);
    }

    private Expr rangeCall(RangeFn fn) {
        in.expect("(");
        parser.enter();
        List<Expr> params = new ArrayList<>();
        Expr.Selector s = null;
        Duration range = null;
        int arity = fn.scalars() + 1;
        for (int i = 0; i < arity; i++) {
            if (i > 0) {
                in.expect(",");
            }
            boolean matrix = fn.matrixFirst() ? i == 0 : i == arity - 1;
            if (matrix) {
                RangeArgument r = rangeArgument(fn);
                s = r.selector();
                range = r.range();
            } else {
                Expr p = parser.orExpr();
                checkType(fn.promql() + "()", i + 1, p, 's');
                params.add(p);
            }
        }
        in.skipSpace();
        if (in.peekIs(",")) {
            throw in.error(fn.promql() + "() takes " + arity + " argument" + (arity == 1 ? "" : "s"));
        }
        in.expect(")");
        parser.leave();
        return parser.tall(new Expr.RangeCall(fn, s, range, params), params.toArray(Expr[]::new));
    }

    /** A range function's range-vector argument: the selector it reads and over how long. */
    private record RangeArgument(Expr.Selector selector, Duration range) {}

    /**
     * {@code selector[range]} (in any number of parentheses), or in Prometheus mode any expression giving a range
     * vector (a subquery), for which Prometheus reads the data: a placeholder selector stands in.
     */
    private RangeArgument rangeArgument(RangeFn fn) {
        if (prometheus && !series.selectorAhead()) {
            Expr sub = parser.orExpr();
            if (!matrices.containsKey(sub)) {
                throw in.error(fn.promql() + "() takes a range vector: a selector with a range, like x[5m], or a subquery, "
                        + "like expr[1h:5m]");
            }
            return new RangeArgument(new Expr.Selector("", List.of()), Duration.ofMinutes(1));
        }
        int parens = 0;
        in.skipSpace();
        while (in.symbol("(")) {
            parens++;
            in.skipSpace();
        }
        Expr.Selector s = series.selectorOnly(fn.promql() + "()");
        Duration range = series.range(fn, s);
        Expr after = parser.postfix(s);
        if (!(after instanceof Expr.Selector sel)) {
            throw in.error("a range vector cannot take a subquery");
        }
        for (int p = 0; p < parens; p++) {
            in.expect(")");
        }
        return new RangeArgument(sel, range);
    }
}

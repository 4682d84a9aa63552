package io.quantsinfra.core.promql;

import io.quantsinfra.core.promql.Expr.AggOp;
import io.quantsinfra.core.promql.Expr.BinOp;
import io.quantsinfra.core.promql.Expr.RangeFn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the supported PromQL subset. Everything else is refused with an {@link ExpressionException} that
 * names the construct and lists {@link #SUPPORTED}.
 *
 * {@snippet :
 * Expr e = PromQl.parse("sum by (service) (rate(trades_total[5m])) > 2");
 * }
 */
public final class PromQl {
    /** What the subset holds, as quoted in refusals. */
    public static final String SUPPORTED = "supported: PromQL as Prometheus 2.42 evaluates it over instant vectors "
            + "(selectors with offset, every range function on selector[range], every aggregation with by/without, "
            + "every operator with bool, on/ignoring and group_left/group_right, the math, label and date functions); "
            + "not: subqueries, @, histogram_quantile and native-histogram functions (see docs/alerting.md)";

    /** Functions Prometheus has and this evaluator refuses, with the reason and what to write instead. */
    private static final Map<String, String> REFUSED_FUNCTIONS = Map.of(
            "histogram_quantile", "CloudWatch data holds no histogram buckets; use a percentile statistic such as "
                    + "aws_<namespace>_<metric>_p99, or quantile_over_time over a raw statistic",
            "histogram_count", "native histograms do not exist in CloudWatch; use the _sample_count statistic",
            "histogram_sum", "native histograms do not exist in CloudWatch; use the _sum statistic",
            "histogram_fraction", "native histograms do not exist in CloudWatch; compare a percentile statistic instead",
            "label_values", "label_values() is a Grafana template function, not PromQL");

    /**
     * The longest expression, in characters. Alerting expressions are a line or two; 16 KiB leaves room for
     * long regex alternations while bounding parse time and the rule file's size.
     */
    public static final int MAX_LENGTH = 16_384;

    /**
     * The deepest nesting: parentheses, signs, function and aggregation calls, and operands of operators each
     * add a level. The parser and the evaluator recurse once per level, so this bound is what makes a stack
     * overflow impossible whatever the input; 128 is far beyond any alert expression a person writes.
     */
    public static final int MAX_DEPTH = 128;

    private final String src;
    private final Map<Expr, Integer> heights = new IdentityHashMap<>();
    /** Prometheus' grammar (2.42) rather than the CloudWatch subset: see {@link #checkForPrometheus}. */
    private final boolean prometheus;
    /** In Prometheus mode: what in the expression only the monitor's Prometheus can evaluate, in order of appearance. */
    private final List<String> prometheusOnly = new ArrayList<>();
    /** In Prometheus mode: every selector read, subqueries' included. */
    private final List<Expr.Selector> seen = new ArrayList<>();
    /** In Prometheus mode: the subqueries parsed (range vectors), by identity. */
    private final Map<Expr, Boolean> matrices = new IdentityHashMap<>();
    private int pos;
    private int level;

    private PromQl(String src) {
        this(src, false);
    }

    private PromQl(String src, boolean prometheus) {
        this.src = src;
        this.prometheus = prometheus;
    }

    /**
     * What {@link #checkForPrometheus} found: the selectors the expression reads (a selector without a metric name
     * has {@code metric} {@code ""}), what in it only Prometheus evaluates (e.g. {@code "a subquery"}, empty when
     * nothing), and whether it gives a number rather than series.
     */
    public record PrometheusCheck(List<Expr.Selector> selectors, List<String> prometheusOnly, boolean scalar) {
        public PrometheusCheck {
            selectors = List.copyOf(selectors);
            prometheusOnly = List.copyOf(new java.util.LinkedHashSet<>(prometheusOnly));
        }
    }

    /**
     * Checks {@code expression} against Prometheus 2.42's grammar, for a rule the monitor's Prometheus evaluates:
     * what {@link #parse} refuses for CloudWatch's sake is accepted and named in
     * {@link PrometheusCheck#prometheusOnly} — subqueries, {@code @}, {@code histogram_quantile} and the native
     * histogram functions, selectors by {@code __name__}, ranges and offsets of any length. Malformed PromQL, a
     * negative offset, {@code label_values} and type errors are refused as by {@link #parse}. Nothing is evaluated.
     */
    public static PrometheusCheck checkForPrometheus(String expression) {
        checkLength(expression);
        PromQl p = new PromQl(expression, true);
        Expr e = p.orExpr();
        p.skipSpace();
        if (p.pos < p.src.length()) {
            throw p.error("unexpected '" + p.rest(12) + "'");
        }
        if (p.matrices.containsKey(e)) {
            throw new ExpressionException(0, "the expression gives a range vector (a subquery); an alert expression gives "
                    + "an instant vector, e.g. max_over_time(expr[1h:5m])");
        }
        if (e.type() == Expr.Type.STRING) {
            throw new ExpressionException(0, "a string is not an expression; an alert expression gives an instant vector");
        }
        return new PrometheusCheck(p.seen, p.prometheusOnly, e.scalar());
    }

    private static void checkLength(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new ExpressionException(0, "the expression is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new ExpressionException(MAX_LENGTH, "the expression is " + expression.length() + " characters; the limit is "
                    + MAX_LENGTH + " characters per expression");
        }
    }

    /** Refused in CloudWatch mode with {@code refusal}; recorded as {@code what} in Prometheus mode. */
    private void cloudWatchOnly(int at, String what, String refusal) {
        if (!prometheus) {
            throw new ExpressionException(at, refusal);
        }
        prometheusOnly.add(what);
    }

    /** Parses {@code expression}; ExpressionException when malformed or unsupported. */
    public static Expr parse(String expression) {
        checkLength(expression);
        PromQl p = new PromQl(expression);
        Expr e = p.orExpr();
        p.skipSpace();
        if (p.pos < p.src.length()) {
            throw p.error("unexpected '" + p.rest(12) + "'");
        }
        if (e.type() == Expr.Type.STRING) {
            throw new ExpressionException(0, "a string is not an expression; an alert expression gives an instant vector");
        }
        return e;
    }

    private Expr orExpr() {
        Expr left = andExpr();
        while (keyword("or")) {
            Expr.Matching m = matching(BinOp.OR);
            left = binary(BinOp.OR, left, andExpr(), m, false);
        }
        return left;
    }

    private Expr andExpr() {
        Expr left = cmpExpr();
        while (true) {
            BinOp op = keyword("and") ? BinOp.AND : keyword("unless") ? BinOp.UNLESS : null;
            if (op == null) {
                return left;
            }
            Expr.Matching m = matching(op);
            left = binary(op, left, cmpExpr(), m, false);
        }
    }

    private Expr cmpExpr() {
        Expr left = addExpr();
        while (true) {
            skipSpace();
            BinOp op = symbol("==") ? BinOp.EQ : symbol("!=") ? BinOp.NE : symbol(">=") ? BinOp.GE : symbol("<=") ? BinOp.LE
                    : symbol(">") ? BinOp.GT : symbol("<") ? BinOp.LT : null;
            if (op == null) {
                return left;
            }
            boolean bool = keyword("bool");
            Expr.Matching m = matching(op);
            left = binary(op, left, addExpr(), m, bool);
        }
    }

    private Expr addExpr() {
        Expr left = mulExpr();
        while (true) {
            skipSpace();
            BinOp op = symbol("+") ? BinOp.ADD : symbol("-") ? BinOp.SUB : null;
            if (op == null) {
                return left;
            }
            Expr.Matching m = matching(op);
            left = binary(op, left, mulExpr(), m, false);
        }
    }

    private Expr mulExpr() {
        Expr left = unary();
        while (true) {
            skipSpace();
            BinOp op = symbol("*") ? BinOp.MUL : symbol("/") ? BinOp.DIV : symbol("%") ? BinOp.MOD
                    : keyword("atan2") ? BinOp.ATAN2 : null;
            if (op == null) {
                return left;
            }
            Expr.Matching m = matching(op);
            left = binary(op, left, unary(), m, false);
        }
    }

    /** Unary signs bind looser than {@code ^} ({@code -2 ^ 2} is -4) and tighter than {@code *}, as in Prometheus. */
    private Expr unary() {
        skipSpace();
        if (symbol("-")) {
            enter();
            Expr inner = unary();
            level--;
            if (inner instanceof Expr.Number n) {
                return new Expr.Number(-n.value());
            }
            requireNumeric(inner, "a sign");
            return tall(new Expr.Binary(BinOp.MUL, inner, new Expr.Number(-1), null), inner);
        }
        if (symbol("+")) {
            enter();
            Expr inner = unary();
            level--;
            requireNumeric(inner, "a sign");
            return inner;
        }
        return powExpr();
    }

    /** {@code ^} is right-associative: {@code 2 ^ 3 ^ 2} is {@code 2 ^ (3 ^ 2)}. */
    private Expr powExpr() {
        Expr base = postfix(primary());
        skipSpace();
        if (!symbol("^")) {
            return base;
        }
        Expr.Matching m = matching(BinOp.POW);
        enter();
        Expr exponent = unary();
        level--;
        return binary(BinOp.POW, base, exponent, m, false);
    }

    /** One level deeper into the input; refused past {@link #MAX_DEPTH}, before the recursion could go on. */
    private void enter() {
        if (++level > MAX_DEPTH) {
            throw error(nestingMessage());
        }
    }

    /** Records {@code e}'s height in the tree (one more than its tallest child); refused past {@link #MAX_DEPTH}. */
    private Expr tall(Expr e, Expr... children) {
        int h = 1;
        for (Expr c : children) {
            h = Math.max(h, heights.getOrDefault(c, 1) + 1);
        }
        if (h > MAX_DEPTH) {
            throw error(nestingMessage());
        }
        heights.put(e, h);
        return e;
    }

    private static String nestingMessage() {
        return "the expression nests more than " + MAX_DEPTH + " levels deep (parentheses, signs, calls and operators "
                + "each add one); the limit is " + MAX_DEPTH + " levels";
    }

    /**
     * What may follow an operand: {@code offset} (on a selector), {@code @} and subqueries (Prometheus mode only;
     * refused for CloudWatch, naming why).
     */
    private Expr postfix(Expr e) {
        skipSpace();
        if (keywordAhead("offset")) {
            if (!(e instanceof Expr.Selector s) || !s.offset().isZero()) {
                if (prometheus && matrices.containsKey(e)) {
                    keyword("offset");
                    offset();
                    return postfix(e);
                }
                throw error("offset must follow a selector, like metric{...} offset 10m or metric[5m] offset 10m inside "
                        + "a range function");
            }
            keyword("offset");
            return postfix(new Expr.Selector(s.metric(), s.matchers(), offset()));
        }
        if (peekIs("@")) {
            if (!prometheus) {
                throw error("the @ modifier is not supported: an alert evaluates at the current minute; use offset to "
                        + "look back a fixed time");
            }
            if (!(e instanceof Expr.Selector) && !matrices.containsKey(e)) {
                throw error("@ must follow a selector, a range or a subquery");
            }
            pos++;
            atModifier();
            return postfix(e);
        }
        if (peekIs("[")) {
            int at = pos;
            int close = src.indexOf(']', pos);
            if (close > 0 && src.substring(at, close).contains(":")) {
                if (!prometheus) {
                    throw error("subqueries [range:step] are not supported: the evaluator reads CloudWatch series directly; "
                            + "apply the range function to a selector, e.g. max_over_time(metric[1h]), or alert on the inner "
                            + "expression with 'for'");
                }
                if (e.type() != Expr.Type.VECTOR || matrices.containsKey(e)) {
                    throw error("a subquery [range:step] needs an instant vector before it");
                }
                subquery();
                Expr marked = tall(new Expr.Aggregate(Expr.AggOp.SUM, List.of(), e), e);
                matrices.put(marked, true);
                return postfix(marked);
            }
            throw error("a range [..] is only allowed on a selector inside a range function such as avg_over_time(x[5m]); "
                    + "an alert expression must give an instant vector");
        }
        return e;
    }

    /** {@code [range:step]} or {@code [range:]}, the '[' next (Prometheus mode). */
    private void subquery() {
        expect("[");
        skipSpace();
        duration("subquery range");
        expect(":");
        skipSpace();
        if (!peekIs("]")) {
            duration("subquery step");
        }
        expect("]");
        prometheusOnly.add("a subquery");
    }

    /** What follows {@code @}: a Unix time, {@code start()} or {@code end()} (Prometheus mode). */
    private void atModifier() {
        skipSpace();
        if (keyword("start") || keyword("end")) {
            expect("(");
            expect(")");
        } else {
            if (peekIs("-") || peekIs("+")) {
                pos++;
            }
            skipSpace();
            if (pos >= src.length() || !(Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
                throw error("@ takes a Unix time, start() or end()");
            }
            number();
        }
        prometheusOnly.add("the @ modifier");
    }

    /** A positive duration (Prometheus mode: any length). */
    private Duration duration(String what) {
        int d0 = pos;
        while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
            pos++;
        }
        String dur = src.substring(d0, pos);
        try {
            Duration d = PromDuration.parse(dur);
            if (d.isZero() || d.isNegative()) {
                throw new ExpressionException(d0, what + " must be greater than 0");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(d0, e.getMessage());
        }
    }

    /** {@code offset <duration>}: whole minutes, not negative, and at most a day back with the range. */
    private Duration offset() {
        skipSpace();
        if (peekIs("-")) {
            throw error("a negative offset looks into the future; Prometheus 2.42 refuses it without a feature flag");
        }
        int d0 = pos;
        while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
            pos++;
        }
        String dur = src.substring(d0, pos);
        Duration d;
        try {
            d = PromDuration.parse(dur);
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(d0, e.getMessage());
        }
        if (d.toSeconds() % 60 != 0 || d.toMillis() % 1000 != 0) {
            cloudWatchOnly(d0, "offset " + dur + " (not whole minutes)",
                    "offset " + dur + " must be whole minutes (CloudWatch's period is 1 minute)");
        } else if (d.compareTo(Duration.ofDays(1)) > 0) {
            cloudWatchOnly(d0, "offset " + dur + " (beyond the 1d read from CloudWatch)", "offset " + dur
                    + " reaches further back than the 1d the evaluator fetches per cycle (CloudWatch keeps 1-minute data "
                    + "for 15 days, but each cycle reads at most a day)");
        }
        return d;
    }

    private Expr primary() {
        skipSpace();
        int start = pos;
        if (pos >= src.length()) {
            throw error("the expression ends too early");
        }
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            enter();
            Expr e = orExpr();
            expect(")");
            level--;
            return e;
        }
        if (Character.isDigit(c) || c == '.') {
            return new Expr.Number(number());
        }
        if (c == '"' || c == '\'' || c == '`') {
            return new Expr.Str(string());
        }
        if (c == '{') {
            if (!prometheus) {
                throw error("a selector needs a metric name before '{' (each CloudWatch series is found by its metric name)");
            }
            prometheusOnly.add("a selector by {__name__…}");
            return selectorRest("");
        }
        if (!identStart(c)) {
            throw error("unexpected '" + rest(12) + "'");
        }
        String name = ident();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("nan")) {
            return new Expr.Number(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
        }
        for (AggOp op : AggOp.values()) {
            if (lower.equals(op.promql())) {
                return aggregate(op);
            }
        }
        if (KEYWORDS.contains(lower)) {
            pos = start;
            throw error("'" + name + "' is misplaced here");
        }
        skipSpace();
        if (!peekIs("(") || name.contains(":")) {
            return selectorRest(name);
        }
        return call(name, start);
    }

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "atan2");

    private Expr call(String name, int start) {
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
        pos = start;
        String why = REFUSED_FUNCTIONS.get(name);
        throw error(name + "() is not supported" + (why == null ? " (it is not a PromQL function in Prometheus 2.42)"
                : ": " + why));
    }

    /** Functions only Prometheus evaluates, with their parameter types ('s' scalar, 'v' instant vector). */
    private static final Map<String, String> PROMETHEUS_ONLY_FUNCTIONS = Map.of("histogram_quantile", "sv",
            "histogram_count", "v", "histogram_sum", "v", "histogram_fraction", "ssv");

    /** {@code histogram_quantile(φ, v)} and the native-histogram functions (Prometheus mode): checked, not built. */
    private Expr prometheusOnlyCall(String name, String params) {
        expect("(");
        enter();
        List<Expr> args = new ArrayList<>();
        skipSpace();
        if (!peekIs(")")) {
            do {
                args.add(orExpr());
                skipSpace();
            } while (symbol(","));
        }
        expect(")");
        level--;
        if (args.size() != params.length()) {
            throw error(name + "() takes " + params.length() + " argument" + (params.length() == 1 ? "" : "s") + ", got "
                    + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            checkType(name + "()", i + 1, args.get(i), params.charAt(i));
        }
        prometheusOnly.add(name + "()");
        Expr vector = args.getLast();
        return tall(new Expr.Aggregate(Expr.AggOp.SUM, List.of(), vector), args.toArray(Expr[]::new));
    }

    private Expr instantCall(Expr.Fn fn) {
        expect("(");
        enter();
        List<Expr> args = new ArrayList<>();
        skipSpace();
        if (!peekIs(")")) {
            do {
                args.add(orExpr());
                skipSpace();
            } while (symbol(","));
        }
        expect(")");
        level--;
        String ps = fn.params();
        if (args.size() < fn.min() || args.size() > ps.length() && !fn.variadic()) {
            throw error(fn.promql() + "() takes " + (fn.min() == ps.length() ? "" : fn.min() + " to ") + ps.length()
                    + (fn.variadic() ? " or more" : "") + " arguments, got " + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            char want = i < ps.length() ? ps.charAt(i) : 'S';
            checkType(fn.promql() + "()", i + 1, args.get(i), want);
        }
        if (fn == Expr.Fn.LABEL_REPLACE || fn == Expr.Fn.LABEL_JOIN) {
            labelArgs(fn, args);
        }
        return tall(new Expr.Call(fn, args), args.toArray(Expr[]::new));
    }

    private void labelArgs(Expr.Fn fn, List<Expr> args) {
        String dst = ((Expr.Str) args.get(1)).value();
        if (!LABEL_NAME.matcher(dst).matches()) {
            throw error(fn.promql() + "(): '" + dst + "' is not a valid label name");
        }
        if (fn == Expr.Fn.LABEL_REPLACE) {
            try {
                Regex.compile(((Expr.Str) args.get(4)).value(), Regex.Dialect.PROMETHEUS);
            } catch (IllegalArgumentException e) {
                throw error("label_replace(): " + e.getMessage());
            }
        }
    }

    private static final java.util.regex.Pattern LABEL_NAME = java.util.regex.Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private void checkType(String where, int n, Expr arg, char want) {
        if (matrices.containsKey(arg)) {
            throw error(where + ": argument " + n + " must be " + describe(want == 'v' ? Expr.Type.VECTOR : want == 's'
                    ? Expr.Type.SCALAR : Expr.Type.STRING) + ", got a range vector (a subquery)");
        }
        Expr.Type t = want == 'v' ? Expr.Type.VECTOR : want == 's' ? Expr.Type.SCALAR : Expr.Type.STRING;
        if (arg.type() != t) {
            throw error(where + ": argument " + n + " must be " + describe(t) + ", got " + describe(arg.type()));
        }
    }

    private static String describe(Expr.Type t) {
        return switch (t) {
            case SCALAR -> "a number (scalar)";
            case VECTOR -> "an instant vector";
            case STRING -> "a string";
        };
    }

    private void requireNumeric(Expr e, String what) {
        if (matrices.containsKey(e)) {
            throw error(what + " needs a number or an instant vector, not a range vector (a subquery)");
        }
        if (e.type() == Expr.Type.STRING) {
            throw error(what + " needs a number or a vector, not a string");
        }
    }

    private Expr aggregate(AggOp op) {
        List<String> by = List.of();
        boolean without = false;
        boolean clauseFirst = false;
        if (keyword("without") || keyword("by")) {
            without = lastWithout();
            by = labelList();
            clauseFirst = true;
        }
        expect("(");
        enter();
        Expr param = null;
        if (op.param() != null) {
            param = orExpr();
            checkType(op.promql() + "()", 1, param, op.param() == Expr.Type.SCALAR ? 's' : 'S');
            expect(",");
        }
        Expr inner = orExpr();
        expect(")");
        level--;
        if (!clauseFirst && (keyword("without") || keyword("by"))) {
            without = lastWithout();
            by = labelList();
        }
        if (inner.type() != Expr.Type.VECTOR || matrices.containsKey(inner)) {
            throw error(op.promql() + "(...) needs a vector, not " + (matrices.containsKey(inner) ? "a range vector (a subquery)"
                    : describe(inner.type())));
        }
        if (op == AggOp.COUNT_VALUES && !LABEL_NAME.matcher(((Expr.Str) param).value()).matches()) {
            throw error("count_values(): '" + ((Expr.Str) param).value() + "' is not a valid label name");
        }
        return param == null ? tall(new Expr.Aggregate(op, by, without, null, inner), inner)
                : tall(new Expr.Aggregate(op, by, without, param, inner), inner, param);
    }

    /** Whether the keyword just read was {@code without} (rather than {@code by}). */
    private boolean lastWithout() {
        return pos >= 7 && src.regionMatches(true, pos - 7, "without", 0, 7);
    }

    private Expr rangeCall(RangeFn fn) {
        expect("(");
        enter();
        List<Expr> params = new ArrayList<>();
        Expr.Selector s = null;
        Duration range = null;
        int arity = fn.scalars() + 1;
        for (int i = 0; i < arity; i++) {
            if (i > 0) {
                expect(",");
            }
            boolean matrix = fn.matrixFirst() ? i == 0 : i == arity - 1;
            if (matrix && prometheus && !selectorAhead()) {
                Expr sub = orExpr();
                if (!matrices.containsKey(sub)) {
                    throw error(fn.promql() + "() takes a range vector: a selector with a range, like x[5m], or a subquery, "
                            + "like expr[1h:5m]");
                }
                s = new Expr.Selector("", List.of());
                range = Duration.ofMinutes(1);
            } else if (matrix) {
                int parens = 0;
                skipSpace();
                while (symbol("(")) {
                    parens++;
                    skipSpace();
                }
                s = selectorOnly(fn.promql() + "()");
                range = range(fn, s);
                Expr after = postfix(s);
                if (!(after instanceof Expr.Selector sel)) {
                    throw error("a range vector cannot take a subquery");
                }
                s = sel;
                for (int p = 0; p < parens; p++) {
                    expect(")");
                }
            } else {
                Expr p = orExpr();
                checkType(fn.promql() + "()", i + 1, p, 's');
                params.add(p);
            }
        }
        skipSpace();
        if (peekIs(",")) {
            throw error(fn.promql() + "() takes " + arity + " argument" + (arity == 1 ? "" : "s"));
        }
        expect(")");
        level--;
        return tall(new Expr.RangeCall(fn, s, range, params), params.toArray(Expr[]::new));
    }

    /** Whether a plain selector (a name not followed by '(') comes next: the usual range-function argument. */
    private boolean selectorAhead() {
        skipSpace();
        int save = pos;
        try {
            if (pos >= src.length() || !identStart(src.charAt(pos))) {
                return false;
            }
            String name = ident();
            String lower = name.toLowerCase(Locale.ROOT);
            skipSpace();
            if (KEYWORDS.contains(lower) || lower.equals("inf") || lower.equals("nan")) {
                return false;
            }
            for (AggOp op : AggOp.values()) {
                if (lower.equals(op.promql())) {
                    return false;
                }
            }
            return !peekIs("(") || name.contains(":");
        } finally {
            pos = save;
        }
    }

    private Duration range(RangeFn fn, Expr.Selector s) {
        skipSpace();
        if (!symbol("[")) {
            throw error(fn.promql() + "() needs a range, like " + fn.promql() + "(" + s + "[5m])");
        }
        skipSpace();
        int d0 = pos;
        while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
            pos++;
        }
        String dur = src.substring(d0, pos);
        skipSpace();
        if (peekIs(":")) {
            if (!prometheus) {
                throw error("subqueries [range:step] are not supported: the evaluator reads CloudWatch series directly; "
                        + "apply the range function to a selector");
            }
            pos++;
            skipSpace();
            if (!peekIs("]")) {
                duration("subquery step");
            }
            prometheusOnly.add("a subquery");
        }
        expect("]");
        Duration range;
        try {
            range = PromDuration.parse(dur);
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(d0, e.getMessage());
        }
        if (prometheus && (range.isZero() || range.isNegative())) {
            throw new ExpressionException(d0, "the range [" + dur + "] must be greater than 0");
        }
        if (range.compareTo(Duration.ofMinutes(1)) < 0) {
            cloudWatchOnly(d0, "a range of [" + dur + "] (shorter than CloudWatch's 1-minute period)",
                    "the range [" + dur + "] is shorter than CloudWatch's 1-minute period; use [1m] or more");
        } else if (range.compareTo(Duration.ofDays(1)) > 0) {
            cloudWatchOnly(d0, "a range of [" + dur + "] (beyond the 1d read from CloudWatch)",
                    "the range [" + dur + "] is longer than the 1d the evaluator fetches per cycle");
        } else if (range.toSeconds() % 60 != 0 || range.toMillis() % 1000 != 0) {
            cloudWatchOnly(d0, "a range of [" + dur + "] (not whole minutes)",
                    "the range [" + dur + "] must be whole minutes (CloudWatch's period is 1 minute)");
        }
        return range;
    }

    private Expr.Selector selectorOnly(String where) {
        skipSpace();
        if (pos < src.length() && src.charAt(pos) == '{') {
            throw error("a selector needs a metric name before '{' (each CloudWatch series is found by its metric name)");
        }
        if (pos >= src.length() || !identStart(src.charAt(pos))) {
            throw error(where + " takes a selector with a range, such as metric{label=\"value\"}[5m]");
        }
        int at = pos;
        String name = ident();
        skipSpace();
        if (peekIs("(")) {
            pos = at;
            throw error(where + " takes a selector with a range, not " + name + "(...); subqueries are not supported");
        }
        return selectorRest(name);
    }

    private Expr.Selector selectorRest(String metric) {
        List<LabelMatcher> matchers = new ArrayList<>();
        skipSpace();
        if (symbol("{")) {
            skipSpace();
            while (!symbol("}")) {
                skipSpace();
                int at = pos;
                if (pos >= src.length() || !identStart(src.charAt(pos))) {
                    throw error("a label name is expected in the selector of " + metric);
                }
                String label = ident();
                if (label.contains(":")) {
                    throw new ExpressionException(at, "'" + label + "' is not a valid label name");
                }
                skipSpace();
                String op = symbol("=~") ? "=~" : symbol("!~") ? "!~" : symbol("!=") ? "!=" : symbol("=") ? "=" : null;
                if (op == null) {
                    throw error("a matcher operator (=, !=, =~, !~) is expected after " + label);
                }
                skipSpace();
                String value = string();
                if (label.equals("__name__")) {
                    if (!prometheus) {
                        throw new ExpressionException(at, "matching on __name__ is not supported; name the metric");
                    }
                    prometheusOnly.add("a selector by {__name__…}");
                    try {
                        Regex.compile(value, Regex.Dialect.PROMETHEUS);
                    } catch (IllegalArgumentException e) {
                        throw new ExpressionException(at, e.getMessage());
                    }
                    skipSpace();
                    if (!symbol(",")) {
                        skipSpace();
                        if (!peekIs("}")) {
                            throw error("',' or '}' expected in the selector of " + metric);
                        }
                    }
                    skipSpace();
                    continue;
                }
                try {
                    matchers.add(LabelMatcher.of(label, LabelMatcher.Op.fromSymbol(op), value));
                } catch (IllegalArgumentException e) {
                    throw new ExpressionException(at, e.getMessage());
                }
                skipSpace();
                if (!symbol(",")) {
                    skipSpace();
                    if (!peekIs("}")) {
                        throw error("',' or '}' expected in the selector of " + metric);
                    }
                }
                skipSpace();
            }
        }
        if (metric.isEmpty() && matchers.isEmpty() && !src.substring(0, pos).contains("__name__")) {
            throw error("a selector without a metric name needs a matcher that does not match the empty string");
        }
        Expr.Selector sel = new Expr.Selector(metric, matchers);
        seen.add(sel);
        return sel;
    }

    private Expr.Matching matching(BinOp op) {
        boolean on = keyword("on");
        if (!on && !keyword("ignoring")) {
            if (keywordAhead("group_left") || keywordAhead("group_right")) {
                throw error("group_left/group_right need on(...) or ignoring(...) before them");
            }
            return null;
        }
        List<String> labels = labelList();
        Expr.Card card = keyword("group_left") ? Expr.Card.MANY_TO_ONE : keyword("group_right") ? Expr.Card.ONE_TO_MANY
                : Expr.Card.ONE_TO_ONE;
        List<String> include = List.of();
        if (card != Expr.Card.ONE_TO_ONE) {
            if (op.set()) {
                throw error("no grouping (group_left/group_right) is allowed with '" + op.symbol() + "'");
            }
            skipSpace();
            if (peekIs("(")) {
                include = labelList();
            }
        }
        return new Expr.Matching(on, labels, card, include);
    }

    private Expr binary(BinOp op, Expr left, Expr right, Expr.Matching m, boolean bool) {
        requireNumeric(left, "'" + op.symbol() + "'");
        requireNumeric(right, "'" + op.symbol() + "'");
        if (op.set() && (left.scalar() || right.scalar())) {
            throw error("'" + op.symbol() + "' works between two vectors, not numbers");
        }
        if (m != null && (left.scalar() || right.scalar())) {
            throw error("on/ignoring/group_left/group_right only apply between two vectors");
        }
        if (bool && !op.comparison()) {
            throw error("bool applies only to comparisons");
        }
        if (op.comparison() && !bool && left.scalar() && right.scalar()) {
            throw error("a comparison between two numbers needs bool, like 1 > bool 0");
        }
        if (m != null && m.card() != Expr.Card.ONE_TO_ONE) {
            for (String l : m.include()) {
                if (m.on() && m.labels().contains(l)) {
                    throw error("label '" + l + "' must not appear in both on(...) and the group modifier");
                }
            }
        }
        if (op.comparison() && left.scalar() && !right.scalar()) {
            return tall(new Expr.Binary(op.flipped(), right, left, m, bool), left, right);
        }
        return tall(new Expr.Binary(op, left, right, m, bool), left, right);
    }

    private List<String> labelList() {
        expect("(");
        List<String> out = new ArrayList<>();
        skipSpace();
        while (!symbol(")")) {
            skipSpace();
            if (pos >= src.length() || !identStart(src.charAt(pos))) {
                throw error("a label name is expected");
            }
            out.add(ident());
            skipSpace();
            if (!symbol(",")) {
                skipSpace();
                if (!peekIs(")")) {
                    throw error("',' or ')' expected in the label list");
                }
            }
            skipSpace();
        }
        return out;
    }

    private double number() {
        int start = pos;
        if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
            pos += 2;
            while (pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
                pos++;
            }
            return Long.parseLong(src.substring(start + 2, pos), 16);
        }
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < src.length() && Character.isLetter(src.charAt(pos))) {
            throw new ExpressionException(start, "a duration or name cannot start with a digit here: '" + rest(10) + "'");
        }
        try {
            return Double.parseDouble(src.substring(start, pos));
        } catch (NumberFormatException e) {
            throw new ExpressionException(start, "'" + src.substring(start, pos) + "' is not a number");
        }
    }

    private String string() {
        if (pos >= src.length()) {
            throw error("a quoted value is expected");
        }
        char q = src.charAt(pos);
        if (q != '"' && q != '\'' && q != '`') {
            throw error("a quoted value is expected, like \"value\"");
        }
        int start = pos++;
        StringBuilder b = new StringBuilder();
        while (pos < src.length() && src.charAt(pos) != q) {
            char c = src.charAt(pos++);
            if (c == '\\' && q != '`' && pos < src.length()) {
                char n = src.charAt(pos++);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case '\\', '"', '\'' -> b.append(n);
                    default -> b.append('\\').append(n);
                }
            } else {
                b.append(c);
            }
        }
        if (pos >= src.length()) {
            throw new ExpressionException(start, "unterminated string");
        }
        pos++;
        return b.toString();
    }

    private String ident() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == ':')) {
            char c = src.charAt(pos);
            if (c > 127) {
                break;
            }
            pos++;
        }
        return src.substring(start, pos);
    }

    private static boolean identStart(char c) {
        return c < 128 && (Character.isLetter(c) || c == '_' || c == ':');
    }

    private boolean keyword(String k) {
        skipSpace();
        if (keywordAhead(k)) {
            pos += k.length();
            return true;
        }
        return false;
    }

    private boolean keywordAhead(String k) {
        skipSpace();
        if (!src.regionMatches(true, pos, k, 0, k.length())) {
            return false;
        }
        int end = pos + k.length();
        return end >= src.length() || !(Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_' || src.charAt(end) == ':');
    }

    private boolean symbol(String s) {
        if (src.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private boolean peekIs(String s) {
        return src.startsWith(s, pos);
    }

    private BinOp consume(BinOp op, int n) {
        pos += n;
        return op;
    }

    private void expect(String s) {
        skipSpace();
        if (!symbol(s)) {
            throw error("'" + s + "' expected" + (pos < src.length() ? " but found '" + rest(12) + "'" : " at the end"));
        }
    }

    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private String rest(int n) {
        return src.substring(pos, Math.min(src.length(), pos + n));
    }

    private ExpressionException error(String message) {
        return new ExpressionException(pos, message + " (at character " + (pos + 1) + ")");
    }
}

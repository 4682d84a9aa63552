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

    private final Scanner in;
    private final Map<Expr, Integer> heights = new IdentityHashMap<>();
    /** Prometheus' grammar (2.42) rather than the CloudWatch subset: see {@link #checkForPrometheus}. */
    private final boolean prometheus;
    /** In Prometheus mode: what in the expression only the monitor's Prometheus can evaluate, in order of appearance. */
    private final List<String> prometheusOnly = new ArrayList<>();
    /** In Prometheus mode: every selector read, subqueries' included. */
    private final List<Expr.Selector> seen = new ArrayList<>();
    /** In Prometheus mode: the subqueries parsed (range vectors), by identity. */
    private final Map<Expr, Boolean> matrices = new IdentityHashMap<>();
    /** Selectors, ranges, offsets, @ and subquery brackets: the operands that name series. */
    private final SeriesSyntax series;
    /** Function calls, aggregations and their arguments' types. */
    private final Calls calls;
    private int level;

    private PromQl(String src) {
        this(src, false);
    }

    private PromQl(String src, boolean prometheus) {
        this.in = new Scanner(src);
        this.prometheus = prometheus;
        this.series = new SeriesSyntax(in, prometheus, prometheusOnly, seen);
        this.calls = new Calls(this, in, prometheus, prometheusOnly, matrices, series);
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
        p.in.skipSpace();
        if (p.in.pos < p.in.src.length()) {
            throw p.in.error("unexpected '" + p.in.rest(12) + "'");
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

    /** Parses {@code expression}; ExpressionException when malformed or unsupported. */
    public static Expr parse(String expression) {
        checkLength(expression);
        PromQl p = new PromQl(expression);
        Expr e = p.orExpr();
        p.in.skipSpace();
        if (p.in.pos < p.in.src.length()) {
            throw p.in.error("unexpected '" + p.in.rest(12) + "'");
        }
        if (e.type() == Expr.Type.STRING) {
            throw new ExpressionException(0, "a string is not an expression; an alert expression gives an instant vector");
        }
        return e;
    }

    Expr orExpr() {
        Expr left = andExpr();
        while (in.keyword("or")) {
            Expr.Matching m = matching(BinOp.OR);
            left = binary(BinOp.OR, left, andExpr(), m, false);
        }
        return left;
    }

    private Expr andExpr() {
        Expr left = cmpExpr();
        while (true) {
            BinOp op = in.keyword("and") ? BinOp.AND : in.keyword("unless") ? BinOp.UNLESS : null;
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
            in.skipSpace();
            BinOp op = in.symbol("==") ? BinOp.EQ : in.symbol("!=") ? BinOp.NE : in.symbol(">=") ? BinOp.GE : in.symbol("<=") ? BinOp.LE
                    : in.symbol(">") ? BinOp.GT : in.symbol("<") ? BinOp.LT : null;
            if (op == null) {
                return left;
            }
            boolean bool = in.keyword("bool");
            Expr.Matching m = matching(op);
            left = binary(op, left, addExpr(), m, bool);
        }
    }

    private Expr addExpr() {
        Expr left = mulExpr();
        while (true) {
            in.skipSpace();
            BinOp op = in.symbol("+") ? BinOp.ADD : in.symbol("-") ? BinOp.SUB : null;
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
            in.skipSpace();
            BinOp op = in.symbol("*") ? BinOp.MUL : in.symbol("/") ? BinOp.DIV : in.symbol("%") ? BinOp.MOD
                    : in.keyword("atan2") ? BinOp.ATAN2 : null;
            if (op == null) {
                return left;
            }
            Expr.Matching m = matching(op);
            left = binary(op, left, unary(), m, false);
        }
    }

    /** Unary signs bind looser than {@code ^} ({@code -2 ^ 2} is -4) and tighter than {@code *}, as in Prometheus. */
    private Expr unary() {
        in.skipSpace();
        if (in.symbol("-")) {
            enter();
            Expr inner = unary();
            level--;
            if (inner instanceof Expr.Number n) {
                return new Expr.Number(-n.value());
            }
            calls.requireNumeric(inner, "a sign");
            return tall(new Expr.Binary(BinOp.MUL, inner, new Expr.Number(-1), null), inner);
        }
        if (in.symbol("+")) {
            enter();
            Expr inner = unary();
            level--;
            calls.requireNumeric(inner, "a sign");
            return inner;
        }
        return powExpr();
    }

    /** {@code ^} is right-associative: {@code 2 ^ 3 ^ 2} is {@code 2 ^ (3 ^ 2)}. */
    private Expr powExpr() {
        Expr base = postfix(primary());
        in.skipSpace();
        if (!in.symbol("^")) {
            return base;
        }
        Expr.Matching m = matching(BinOp.POW);
        enter();
        Expr exponent = unary();
        level--;
        return binary(BinOp.POW, base, exponent, m, false);
    }

    /** One level deeper into the input; refused past {@link #MAX_DEPTH}, before the recursion could go on. */
    void enter() {
        if (++level > MAX_DEPTH) {
            throw in.error(nestingMessage());
        }
    }

    /** One level up again, after what {@link #enter} opened. */
    void leave() {
        level--;
    }

    /** Records {@code e}'s height in the tree (one more than its tallest child); refused past {@link #MAX_DEPTH}. */
    Expr tall(Expr e, Expr... children) {
        int h = 1;
        for (Expr c : children) {
            h = Math.max(h, heights.getOrDefault(c, 1) + 1);
        }
        if (h > MAX_DEPTH) {
            throw in.error(nestingMessage());
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
    Expr postfix(Expr e) {
        in.skipSpace();
        if (in.keywordAhead("offset")) {
            return postfix(offsetOf(e));
        }
        if (in.peekIs("@")) {
            return postfix(at(e));
        }
        if (in.peekIs("[")) {
            return postfix(subqueryOf(e));
        }
        return e;
    }

    /** {@code offset d} on a selector (once), or on a subquery in Prometheus mode. */
    private Expr offsetOf(Expr e) {
        if (!(e instanceof Expr.Selector s) || !s.offset().isZero()) {
            if (prometheus && matrices.containsKey(e)) {
                in.keyword("offset");
                series.offset();
                return e;
            }
            throw in.error("offset must follow a selector, like metric{...} offset 10m or metric[5m] offset 10m inside "
                    + "a range function");
        }
        in.keyword("offset");
        return new Expr.Selector(s.metric(), s.matchers(), series.offset());
    }

    /** {@code @ time}: checked and recorded in Prometheus mode; CloudWatch evaluates at the current minute only. */
    private Expr at(Expr e) {
        if (!prometheus) {
            throw in.error("the @ modifier is not supported: an alert evaluates at the current minute; use offset to "
                    + "look back a fixed time");
        }
        if (!(e instanceof Expr.Selector) && !matrices.containsKey(e)) {
            throw in.error("@ must follow a selector, a range or a subquery");
        }
        in.pos++;
        series.atModifier();
        return e;
    }

    /**
     * {@code [range:step]} after an instant vector (Prometheus mode). The subquery is stood for by a marker node,
     * known by identity in {@code matrices}, so a range function can tell it received a range vector.
     */
    private Expr subqueryOf(Expr e) {
        int at = in.pos;
        int close = in.src.indexOf(']', in.pos);
        if (close > 0 && in.src.substring(at, close).contains(":")) {
            if (!prometheus) {
                throw in.error("subqueries [range:step] are not supported: the evaluator reads CloudWatch series directly; "
                        + "apply the range function to a selector, e.g. max_over_time(metric[1h]), or alert on the inner "
                        + "expression with 'for'");
            }
            if (e.type() != Expr.Type.VECTOR || matrices.containsKey(e)) {
                throw in.error("a subquery [range:step] needs an instant vector before it");
            }
            series.subquery();
            Expr marked = tall(new Expr.Aggregate(Expr.AggOp.SUM, List.of(), e), e);
            matrices.put(marked, true);
            return marked;
        }
        throw in.error("a range [..] is only allowed on a selector inside a range function such as avg_over_time(x[5m]); "
                + "an alert expression must give an instant vector");
    }

    private Expr primary() {
        in.skipSpace();
        int start = in.pos;
        if (in.pos >= in.src.length()) {
            throw in.error("the expression ends too early");
        }
        char c = in.src.charAt(in.pos);
        if (c == '(') {
            in.pos++;
            enter();
            Expr e = orExpr();
            in.expect(")");
            level--;
            return e;
        }
        if (Character.isDigit(c) || c == '.') {
            return new Expr.Number(in.number());
        }
        if (c == '"' || c == '\'' || c == '`') {
            return new Expr.Str(in.string());
        }
        if (c == '{') {
            if (!prometheus) {
                throw in.error("a selector needs a metric name before '{' (each CloudWatch series is found by its metric name)");
            }
            prometheusOnly.add("a selector by {__name__…}");
            return series.selectorRest("");
        }
        if (!Scanner.identStart(c)) {
            throw in.error("unexpected '" + in.rest(12) + "'");
        }
        return named(start);
    }

    /** What starts with a name: a number word, an aggregation, a selector or a function call. */
    private Expr named(int start) {
        String name = in.ident();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("nan")) {
            return new Expr.Number(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
        }
        for (AggOp op : AggOp.values()) {
            if (lower.equals(op.promql())) {
                return calls.aggregate(op);
            }
        }
        if (KEYWORDS.contains(lower)) {
            in.pos = start;
            throw in.error("'" + name + "' is misplaced here");
        }
        in.skipSpace();
        if (!in.peekIs("(") || name.contains(":")) {
            return series.selectorRest(name);
        }
        return calls.call(name, start);
    }

    static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "atan2");

    private Expr.Matching matching(BinOp op) {
        boolean on = in.keyword("on");
        if (!on && !in.keyword("ignoring")) {
            if (in.keywordAhead("group_left") || in.keywordAhead("group_right")) {
                throw in.error("group_left/group_right need on(...) or ignoring(...) before them");
            }
            return null;
        }
        List<String> labels = labelList();
        Expr.Card card = in.keyword("group_left") ? Expr.Card.MANY_TO_ONE : in.keyword("group_right") ? Expr.Card.ONE_TO_MANY
                : Expr.Card.ONE_TO_ONE;
        List<String> include = List.of();
        if (card != Expr.Card.ONE_TO_ONE) {
            if (op.set()) {
                throw in.error("no grouping (group_left/group_right) is allowed with '" + op.symbol() + "'");
            }
            in.skipSpace();
            if (in.peekIs("(")) {
                include = labelList();
            }
        }
        return new Expr.Matching(on, labels, card, include);
    }

    private Expr binary(BinOp op, Expr left, Expr right, Expr.Matching m, boolean bool) {
        calls.requireNumeric(left, "'" + op.symbol() + "'");
        calls.requireNumeric(right, "'" + op.symbol() + "'");
        if (op.set() && (left.scalar() || right.scalar())) {
            throw in.error("'" + op.symbol() + "' works between two vectors, not numbers");
        }
        if (m != null && (left.scalar() || right.scalar())) {
            throw in.error("on/ignoring/group_left/group_right only apply between two vectors");
        }
        if (bool && !op.comparison()) {
            throw in.error("bool applies only to comparisons");
        }
        if (op.comparison() && !bool && left.scalar() && right.scalar()) {
            throw in.error("a comparison between two numbers needs bool, like 1 > bool 0");
        }
        if (m != null && m.card() != Expr.Card.ONE_TO_ONE) {
            for (String l : m.include()) {
                if (m.on() && m.labels().contains(l)) {
                    throw in.error("label '" + l + "' must not appear in both on(...) and the group modifier");
                }
            }
        }
        if (op.comparison() && left.scalar() && !right.scalar()) {
            return tall(new Expr.Binary(op.flipped(), right, left, m, bool), left, right);
        }
        return tall(new Expr.Binary(op, left, right, m, bool), left, right);
    }

    List<String> labelList() {
        in.expect("(");
        List<String> out = new ArrayList<>();
        in.skipSpace();
        while (!in.symbol(")")) {
            in.skipSpace();
            if (in.pos >= in.src.length() || !Scanner.identStart(in.src.charAt(in.pos))) {
                throw in.error("a label name is expected");
            }
            out.add(in.ident());
            in.skipSpace();
            if (!in.symbol(",")) {
                in.skipSpace();
                if (!in.peekIs(")")) {
                    throw in.error("',' or ')' expected in the label list");
                }
            }
            in.skipSpace();
        }
        return out;
    }
}

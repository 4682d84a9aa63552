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
    public static final String SUPPORTED = "supported: a selector metric{label=\"v\", label!=\"v\", label=~\"re\", "
            + "label!~\"re\"}; avg_over_time, max_over_time, min_over_time, sum_over_time, count_over_time, "
            + "last_over_time, rate, increase (selector[range]); absent(selector); avg, max, min, sum, count "
            + "[by (labels)] (expr); + - * / % with numbers or between vectors; comparisons > < >= <= == != ; "
            + "and, or, unless [on (labels) | ignoring (labels)]";

    private static final Set<String> KNOWN_UNSUPPORTED_FUNCTIONS = Set.of("histogram_quantile", "quantile_over_time",
            "stddev_over_time", "stdvar_over_time", "irate", "delta", "idelta", "deriv", "predict_linear", "label_replace",
            "label_join", "absent_over_time", "changes", "resets", "time", "vector", "scalar", "abs", "ceil", "floor",
            "round", "clamp", "clamp_max", "clamp_min", "sort", "sort_desc", "timestamp", "topk", "bottomk", "quantile",
            "stddev", "stdvar", "count_values", "group", "present_over_time", "exp", "ln", "log2", "log10", "sqrt",
            "holt_winters", "day_of_week", "hour", "minute", "month", "year", "days_in_month", "day_of_month", "sgn");

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
    private int pos;
    private int level;

    private PromQl(String src) {
        this.src = src;
    }

    /** Parses {@code expression}; ExpressionException when malformed or unsupported. */
    public static Expr parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new ExpressionException(0, "the expression is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new ExpressionException(MAX_LENGTH, "the expression is " + expression.length() + " characters; the limit is "
                    + MAX_LENGTH + " characters per expression");
        }
        PromQl p = new PromQl(expression);
        Expr e = p.orExpr();
        p.skipSpace();
        if (p.pos < p.src.length()) {
            throw p.error("unexpected '" + p.rest(12) + "'");
        }
        return e;
    }

    private Expr orExpr() {
        Expr left = andExpr();
        while (keyword("or")) {
            Expr.Matching m = matching();
            left = binary(BinOp.OR, left, andExpr(), m);
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
            Expr.Matching m = matching();
            left = binary(op, left, cmpExpr(), m);
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
            if (keyword("bool")) {
                throw error("the bool modifier is not supported (a comparison filters the vector); " + SUPPORTED);
            }
            Expr.Matching m = matching();
            left = binary(op, left, addExpr(), m);
        }
    }

    private Expr addExpr() {
        Expr left = mulExpr();
        while (true) {
            skipSpace();
            BinOp op = symbol("+") ? BinOp.ADD : peekIs("-") && !peekIs("->") ? consume(BinOp.SUB, 1) : null;
            if (op == null) {
                return left;
            }
            Expr.Matching m = matching();
            left = binary(op, left, mulExpr(), m);
        }
    }

    private Expr mulExpr() {
        Expr left = unary();
        while (true) {
            skipSpace();
            if (peekIs("^") || keywordAhead("atan2")) {
                throw error("'" + rest(5).split("\\s")[0] + "' is not supported; " + SUPPORTED);
            }
            BinOp op = symbol("*") ? BinOp.MUL : symbol("/") ? BinOp.DIV : symbol("%") ? BinOp.MOD : null;
            if (op == null) {
                return left;
            }
            Expr.Matching m = matching();
            left = binary(op, left, unary(), m);
        }
    }

    private Expr unary() {
        skipSpace();
        if (symbol("-")) {
            enter();
            Expr inner = unary();
            level--;
            if (inner instanceof Expr.Number n) {
                return new Expr.Number(-n.value());
            }
            return tall(new Expr.Binary(BinOp.MUL, inner, new Expr.Number(-1), null), inner);
        }
        if (symbol("+")) {
            enter();
            Expr inner = unary();
            level--;
            return inner;
        }
        return postfix(primary());
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

    private Expr postfix(Expr e) {
        skipSpace();
        if (keywordAhead("offset")) {
            throw error("offset is not supported: the evaluator always looks at the latest data; " + SUPPORTED);
        }
        if (peekIs("@")) {
            throw error("the @ modifier is not supported; " + SUPPORTED);
        }
        if (peekIs("[")) {
            throw error("a range [..] is only allowed on a selector inside a range function such as avg_over_time(x[5m]) "
                    + "(subqueries are not supported); " + SUPPORTED);
        }
        return e;
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
            throw error("a string is not an expression; " + SUPPORTED);
        }
        if (c == '{') {
            throw error("a selector needs a metric name before '{'; " + SUPPORTED);
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
            if (name.equals(op.name().toLowerCase(Locale.ROOT))) {
                return aggregate(op);
            }
        }
        for (RangeFn fn : RangeFn.values()) {
            if (name.equals(fn.promql())) {
                return rangeCall(fn, start);
            }
        }
        if (name.equals("absent")) {
            expect("(");
            Expr.Selector s = selectorOnly("absent()");
            expect(")");
            return new Expr.Absent(s);
        }
        skipSpace();
        if (KNOWN_UNSUPPORTED_FUNCTIONS.contains(name) || peekIs("(") && !name.contains(":")) {
            pos = start;
            throw error(name + "() is not supported" + (name.equals("histogram_quantile") || name.equals("quantile_over_time")
                    ? " (CloudWatch data holds no histogram buckets; use a percentile statistic such as aws_..._p99 "
                    + "or a raw statistic)" : "") + "; " + SUPPORTED);
        }
        if (Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset")
                .contains(name)) {
            pos = start;
            throw error("'" + name + "' is misplaced here");
        }
        return selectorRest(name);
    }

    private Expr aggregate(AggOp op) {
        List<String> by = List.of();
        boolean clauseFirst = false;
        if (keyword("without")) {
            throw error("without (...) is not supported; use by (...); " + SUPPORTED);
        }
        if (keyword("by")) {
            by = labelList();
            clauseFirst = true;
        }
        expect("(");
        enter();
        Expr inner = orExpr();
        expect(")");
        level--;
        if (!clauseFirst) {
            if (keyword("by")) {
                by = labelList();
            } else if (keyword("without")) {
                throw error("without (...) is not supported; use by (...); " + SUPPORTED);
            }
        }
        if (inner.scalar()) {
            throw error(op.name().toLowerCase(Locale.ROOT) + "(...) needs a vector, not a number");
        }
        return tall(new Expr.Aggregate(op, by, inner), inner);
    }

    private Expr rangeCall(RangeFn fn, int start) {
        expect("(");
        Expr.Selector s = selectorOnly(fn.promql() + "()");
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
            throw error("subqueries [range:step] are not supported; " + SUPPORTED);
        }
        expect("]");
        Duration range;
        try {
            range = PromDuration.parse(dur);
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(d0, e.getMessage());
        }
        if (range.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ExpressionException(d0, "the range [" + dur + "] is shorter than CloudWatch's 1-minute period; use [1m] or more");
        }
        if (range.compareTo(Duration.ofDays(1)) > 0) {
            throw new ExpressionException(d0, "the range [" + dur + "] is longer than the 1d the evaluator fetches per cycle");
        }
        if (range.toSeconds() % 60 != 0) {
            throw new ExpressionException(d0, "the range [" + dur + "] must be whole minutes (CloudWatch's period is 1 minute)");
        }
        postfix(null);
        expect(")");
        return new Expr.RangeCall(fn, s, range);
    }

    private Expr.Selector selectorOnly(String where) {
        skipSpace();
        if (pos >= src.length() || !identStart(src.charAt(pos))) {
            throw error(where + " takes a selector such as metric{label=\"value\"}");
        }
        String name = ident();
        if (Set.of("sum", "avg", "max", "min", "count", "rate", "increase").contains(name) || name.endsWith("_over_time")) {
            throw error(where + " takes a selector, not " + name + "(...)");
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
                    throw new ExpressionException(at, "matching on __name__ is not supported; name the metric");
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
        return new Expr.Selector(metric, matchers);
    }

    private Expr.Matching matching() {
        boolean on = keyword("on");
        if (!on && !keyword("ignoring")) {
            if (keywordAhead("group_left") || keywordAhead("group_right")) {
                throw error("group_left/group_right are not supported; " + SUPPORTED);
            }
            return null;
        }
        List<String> labels = labelList();
        if (keywordAhead("group_left") || keywordAhead("group_right")) {
            throw error("group_left/group_right are not supported (one-to-one matching only); " + SUPPORTED);
        }
        return new Expr.Matching(on, labels);
    }

    private Expr binary(BinOp op, Expr left, Expr right, Expr.Matching m) {
        if (op.set() && (left.scalar() || right.scalar())) {
            throw error("'" + op.symbol() + "' works between two vectors, not numbers");
        }
        if (m != null && (left.scalar() || right.scalar())) {
            throw error("on/ignoring only apply between two vectors");
        }
        if (op.comparison() && left.scalar() && !right.scalar()) {
            return tall(new Expr.Binary(op.flipped(), right, left, m), left, right);
        }
        return tall(new Expr.Binary(op, left, right, m), left, right);
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
        if (!src.startsWith(k, pos)) {
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

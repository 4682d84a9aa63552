package io.quantsinfra.core.promql;

import io.quantsinfra.core.promql.Expr.AggOp;
import io.quantsinfra.core.promql.Expr.RangeFn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of {@link PromQl}'s grammar that names series: selectors and their label matchers, ranges, offsets,
 * the {@code @} modifier and subquery brackets. Here live the limits CloudWatch puts on them (1-minute periods, a
 * day read per cycle, a metric name to find series by): refused for CloudWatch, recorded as Prometheus-only in
 * Prometheus mode ({@link #cloudWatchOnly}). It reads through the parser's {@link Scanner} and records every
 * selector read in {@code seen}; it never parses a whole expression, so it does not call back into the parser.
 */
final class SeriesSyntax {
    private final Scanner in;
    private final boolean prometheus;
    private final List<String> prometheusOnly;
    private final List<Expr.Selector> seen;

    SeriesSyntax(Scanner in, boolean prometheus, List<String> prometheusOnly, List<Expr.Selector> seen) {
        this.in = in;
        this.prometheus = prometheus;
        this.prometheusOnly = prometheusOnly;
        this.seen = seen;
    }

    /** Refused in CloudWatch mode with {@code refusal}; recorded as {@code what} in Prometheus mode. */
    void cloudWatchOnly(int at, String what, String refusal) {
        if (!prometheus) {
            throw new ExpressionException(at, refusal);
        }
        prometheusOnly.add(what);
    }

    /** {@code [range:step]} or {@code [range:]}, the '[' next (Prometheus mode). */
    void subquery() {
        in.expect("[");
        in.skipSpace();
        duration("subquery range");
        in.expect(":");
        in.skipSpace();
        if (!in.peekIs("]")) {
            duration("subquery step");
        }
        in.expect("]");
        prometheusOnly.add("a subquery");
    }

    /** What follows {@code @}: a Unix time, {@code start()} or {@code end()} (Prometheus mode). */
    void atModifier() {
        in.skipSpace();
        if (in.keyword("start") || in.keyword("end")) {
            in.expect("(");
            in.expect(")");
        } else {
            if (in.peekIs("-") || in.peekIs("+")) {
                in.pos++;
            }
            in.skipSpace();
            if (in.pos >= in.src.length() || !(Character.isDigit(in.src.charAt(in.pos)) || in.src.charAt(in.pos) == '.')) {
                throw in.error("@ takes a Unix time, start() or end()");
            }
            in.number();
        }
        prometheusOnly.add("the @ modifier");
    }

    /** A positive duration (Prometheus mode: any length). */
    Duration duration(String what) {
        int d0 = in.pos;
        String dur = in.word();
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
    Duration offset() {
        in.skipSpace();
        if (in.peekIs("-")) {
            throw in.error("a negative offset looks into the future; Prometheus 2.42 refuses it without a feature flag");
        }
        int d0 = in.pos;
        String dur = in.word();
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

    /** Whether a plain selector (a name not followed by '(') comes next: the usual range-function argument. */
    boolean selectorAhead() {
        in.skipSpace();
        int save = in.pos;
        try {
            if (in.pos >= in.src.length() || !Scanner.identStart(in.src.charAt(in.pos))) {
                return false;
            }
            String name = in.ident();
            String lower = name.toLowerCase(Locale.ROOT);
            in.skipSpace();
            if (PromQl.KEYWORDS.contains(lower) || lower.equals("inf") || lower.equals("nan")) {
                return false;
            }
            for (AggOp op : AggOp.values()) {
                if (lower.equals(op.promql())) {
                    return false;
                }
            }
            return !in.peekIs("(") || name.contains(":");
        } finally {
            in.pos = save;
        }
    }

    Duration range(RangeFn fn, Expr.Selector s) {
        in.skipSpace();
        if (!in.symbol("[")) {
            throw in.error(fn.promql() + "() needs a range, like " + fn.promql() + "(" + s + "[5m])");
        }
        in.skipSpace();
        int d0 = in.pos;
        String dur = in.word();
        in.skipSpace();
        if (in.peekIs(":")) {
            if (!prometheus) {
                throw in.error("subqueries [range:step] are not supported: the evaluator reads CloudWatch series directly; "
                        + "apply the range function to a selector");
            }
            in.pos++;
            in.skipSpace();
            if (!in.peekIs("]")) {
                duration("subquery step");
            }
            prometheusOnly.add("a subquery");
        }
        in.expect("]");
        Duration range;
        try {
            range = PromDuration.parse(dur);
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(d0, e.getMessage());
        }
        if (prometheus && (range.isZero() || range.isNegative())) {
            throw new ExpressionException(d0, "the range [" + dur + "] must be greater than 0");
        }
        checkCloudWatchRange(d0, dur, range);
        return range;
    }

    /** CloudWatch keeps 1-minute data and a cycle reads at most a day: a range outside that is Prometheus's alone. */
    private void checkCloudWatchRange(int d0, String dur, Duration range) {
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
    }

    Expr.Selector selectorOnly(String where) {
        in.skipSpace();
        if (in.pos < in.src.length() && in.src.charAt(in.pos) == '{') {
            throw in.error("a selector needs a metric name before '{' (each CloudWatch series is found by its metric name)");
        }
        if (in.pos >= in.src.length() || !Scanner.identStart(in.src.charAt(in.pos))) {
            throw in.error(where + " takes a selector with a range, such as metric{label=\"value\"}[5m]");
        }
        int at = in.pos;
        String name = in.ident();
        in.skipSpace();
        if (in.peekIs("(")) {
            in.pos = at;
            throw in.error(where + " takes a selector with a range, not " + name + "(...); subqueries are not supported");
        }
        return selectorRest(name);
    }

    /** The {@code {...}} after a metric name (or alone, in Prometheus mode), recorded among the selectors seen. */
    Expr.Selector selectorRest(String metric) {
        List<LabelMatcher> matchers = new ArrayList<>();
        in.skipSpace();
        if (in.symbol("{")) {
            in.skipSpace();
            while (!in.symbol("}")) {
                in.skipSpace();
                LabelMatcher m = matcher(metric);
                if (m != null) {
                    matchers.add(m);
                }
                in.skipSpace();
                if (!in.symbol(",")) {
                    in.skipSpace();
                    if (!in.peekIs("}")) {
                        throw in.error("',' or '}' expected in the selector of " + metric);
                    }
                }
                in.skipSpace();
            }
        }
        if (metric.isEmpty() && matchers.isEmpty() && !in.src.substring(0, in.pos).contains("__name__")) {
            throw in.error("a selector without a metric name needs a matcher that does not match the empty string");
        }
        Expr.Selector sel = new Expr.Selector(metric, matchers);
        seen.add(sel);
        return sel;
    }

    /**
     * One {@code label op "value"}. A matcher on {@code __name__} is Prometheus's alone (CloudWatch finds series by
     * metric name): checked and recorded, but not kept, so {@code null}.
     */
    private LabelMatcher matcher(String metric) {
        int at = in.pos;
        if (in.pos >= in.src.length() || !Scanner.identStart(in.src.charAt(in.pos))) {
            throw in.error("a label name is expected in the selector of " + metric);
        }
        String label = in.ident();
        if (label.contains(":")) {
            throw new ExpressionException(at, "'" + label + "' is not a valid label name");
        }
        in.skipSpace();
        String op = in.symbol("=~") ? "=~" : in.symbol("!~") ? "!~" : in.symbol("!=") ? "!=" : in.symbol("=") ? "=" : null;
        if (op == null) {
            throw in.error("a matcher operator (=, !=, =~, !~) is expected after " + label);
        }
        in.skipSpace();
        String value = in.string();
        if (label.equals("__name__") && !prometheus) {
            throw new ExpressionException(at, "matching on __name__ is not supported; name the metric");
        }
        try {
            if (label.equals("__name__")) {
                prometheusOnly.add("a selector by {__name__…}");
                Regex.compile(value, Regex.Dialect.PROMETHEUS);
                return null;
            }
            return LabelMatcher.of(label, LabelMatcher.Op.fromSymbol(op), value);
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(at, e.getMessage());
        }
    }
}

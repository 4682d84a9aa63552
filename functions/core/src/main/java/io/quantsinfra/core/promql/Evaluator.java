package io.quantsinfra.core.promql;

import io.quantsinfra.core.promql.Expr.BinOp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an expression at one instant over series data. Pure: the same data and instant always give
 * the same vector. Windows are half-open on CloudWatch period starts: {@code [t - range, t)}, so at 12:05
 * a {@code [5m]} range holds the periods 12:00..12:04; an instant selector takes the latest datapoint in
 * {@code [t - 5m, t)} (Prometheus's lookback). {@code rate}/{@code increase} handle counter resets and
 * extrapolate to the whole range, as Prometheus does for regularly sampled counters.
 *
 * {@snippet :
 * List<Sample> firing = Evaluator.vector(expr, Instant.parse("2026-01-01T12:05:00Z"), lookup);
 * }
 */
public final class Evaluator {
    /** How far back an instant selector looks for the latest datapoint. */
    public static final Duration LOOKBACK = Duration.ofMinutes(5);

    private final SeriesLookup lookup;
    private final long t;

    private Evaluator(SeriesLookup lookup, long t) {
        this.lookup = lookup;
        this.t = t;
    }

    /** The instant vector {@code expr} gives at {@code at}; an expression yielding a number gives an empty vector. */
    public static List<Sample> vector(Expr expr, Instant at, SeriesLookup lookup) {
        Object v = new Evaluator(lookup, at.toEpochMilli()).eval(expr);
        if (v instanceof Double) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Sample> list = (List<Sample>) v;
        return list;
    }

    private Object eval(Expr e) {
        return switch (e) {
            case Expr.Number n -> n.value();
            case Expr.Selector s -> instant(s);
            case Expr.RangeCall r -> range(r);
            case Expr.Absent a -> instant(a.selector()).isEmpty() ? List.of(new Sample(absentLabels(a.selector()), 1)) : List.of();
            case Expr.Aggregate a -> aggregate(a);
            case Expr.Binary b -> binary(b);
        };
    }

    private List<Sample> instant(Expr.Selector s) {
        List<Sample> out = new ArrayList<>();
        long from = t - LOOKBACK.toMillis();
        for (SeriesData d : lookup.series(s)) {
            int end = d.firstAtOrAfter(t);
            if (end > 0 && d.times()[end - 1] >= from) {
                out.add(new Sample(d.labels(), d.values()[end - 1]));
            }
        }
        return out;
    }

    private static Labels absentLabels(Expr.Selector s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (LabelMatcher lm : s.matchers()) {
            if (lm.op() == LabelMatcher.Op.EQ) {
                m.put(lm.name(), lm.value());
            }
        }
        return Labels.of(m);
    }

    private List<Sample> range(Expr.RangeCall r) {
        List<Sample> out = new ArrayList<>();
        long rangeMs = r.range().toMillis();
        long from = t - rangeMs;
        for (SeriesData d : lookup.series(r.selector())) {
            int lo = d.firstAtOrAfter(from);
            int hi = d.firstAtOrAfter(t);
            int n = hi - lo;
            if (n <= 0) {
                continue;
            }
            double[] v = d.values();
            double result;
            switch (r.fn()) {
                case AVG_OVER_TIME, SUM_OVER_TIME -> {
                    double sum = 0;
                    for (int i = lo; i < hi; i++) {
                        sum += v[i];
                    }
                    result = r.fn() == Expr.RangeFn.SUM_OVER_TIME ? sum : sum / n;
                }
                case MAX_OVER_TIME -> {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int i = lo; i < hi; i++) {
                        m = Math.max(m, v[i]);
                    }
                    result = m;
                }
                case MIN_OVER_TIME -> {
                    double m = Double.POSITIVE_INFINITY;
                    for (int i = lo; i < hi; i++) {
                        m = Math.min(m, v[i]);
                    }
                    result = m;
                }
                case COUNT_OVER_TIME -> result = n;
                case LAST_OVER_TIME -> result = v[hi - 1];
                case RATE, INCREASE -> {
                    if (n < 2) {
                        continue;
                    }
                    double inc = 0;
                    for (int i = lo + 1; i < hi; i++) {
                        inc += v[i] >= v[i - 1] ? v[i] - v[i - 1] : v[i];
                    }
                    double scaled = extrapolate(inc, d, lo, hi, from, t);
                    result = r.fn() == Expr.RangeFn.RATE ? scaled / (rangeMs / 1000.0) : scaled;
                }
                default -> throw new IllegalStateException();
            }
            out.add(new Sample(d.labels(), result));
        }
        return out;
    }

    /**
     * Prometheus's extrapolation for rate/increase: extend the sampled interval to the window's edges when
     * they are within 1.1 average intervals, else by half an interval; never back past where the counter
     * would have been zero.
     */
    private static double extrapolate(double inc, SeriesData d, int lo, int hi, long rangeStart, long rangeEnd) {
        long first = d.times()[lo];
        long last = d.times()[hi - 1];
        double sampled = last - first;
        if (sampled <= 0) {
            return inc;
        }
        double avg = sampled / (hi - lo - 1);
        double toStart = first - rangeStart;
        double toEnd = rangeEnd - last;
        double firstValue = d.values()[lo];
        if (inc > 0 && firstValue >= 0) {
            toStart = Math.min(toStart, sampled * (firstValue / inc));
        }
        double extent = sampled + (toStart < avg * 1.1 ? toStart : avg / 2) + (toEnd < avg * 1.1 ? toEnd : avg / 2);
        return inc * (extent / sampled);
    }

    private List<Sample> aggregate(Expr.Aggregate a) {
        @SuppressWarnings("unchecked")
        List<Sample> in = (List<Sample>) eval(a.inner());
        Map<Labels, double[]> groups = new LinkedHashMap<>();
        for (Sample s : in) {
            Labels key = s.labels().keep(a.by());
            double[] acc = groups.get(key);
            if (acc == null) {
                groups.put(key, new double[] {s.value(), 1});
                continue;
            }
            acc[1]++;
            acc[0] = switch (a.op()) {
                case SUM, AVG -> acc[0] + s.value();
                case MAX -> Math.max(acc[0], s.value());
                case MIN -> Math.min(acc[0], s.value());
                case COUNT -> 0;
            };
        }
        List<Sample> out = new ArrayList<>();
        groups.forEach((k, acc) -> out.add(new Sample(k, switch (a.op()) {
            case AVG -> acc[0] / acc[1];
            case COUNT -> acc[1];
            default -> acc[0];
        })));
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object binary(Expr.Binary b) {
        Object l = eval(b.left());
        Object r = eval(b.right());
        BinOp op = b.op();
        if (l instanceof Double x && r instanceof Double y) {
            return op.comparison() ? (compare(op, x, y) ? x : Double.NaN) : arith(op, x, y);
        }
        if (r instanceof Double y) {
            List<Sample> out = new ArrayList<>();
            for (Sample s : (List<Sample>) l) {
                if (op.comparison()) {
                    if (compare(op, s.value(), y)) {
                        out.add(s);
                    }
                } else {
                    out.add(new Sample(s.labels(), arith(op, s.value(), y)));
                }
            }
            return out;
        }
        if (l instanceof Double x) {
            List<Sample> out = new ArrayList<>();
            for (Sample s : (List<Sample>) r) {
                out.add(new Sample(s.labels(), arith(op, x, s.value())));
            }
            return out;
        }
        return vectorBinary(b, (List<Sample>) l, (List<Sample>) r);
    }

    private List<Sample> vectorBinary(Expr.Binary b, List<Sample> left, List<Sample> right) {
        Expr.Matching m = b.matching();
        Map<Labels, Sample> rightBySig = new HashMap<>();
        for (Sample s : right) {
            Sample prev = rightBySig.putIfAbsent(signature(s.labels(), m), s);
            if (prev != null && !b.op().set()) {
                throw new EvaluationException("many-to-many matching: more than one series on the right of '"
                        + b.op().symbol() + "' has the labels " + signature(s.labels(), m) + "; use on(...) to match");
            }
        }
        List<Sample> out = new ArrayList<>();
        switch (b.op()) {
            case AND -> left.stream().filter(s -> rightBySig.containsKey(signature(s.labels(), m))).forEach(out::add);
            case UNLESS -> left.stream().filter(s -> !rightBySig.containsKey(signature(s.labels(), m))).forEach(out::add);
            case OR -> {
                out.addAll(left);
                java.util.Set<Labels> leftSigs = new java.util.HashSet<>();
                left.forEach(s -> leftSigs.add(signature(s.labels(), m)));
                right.stream().filter(s -> !leftSigs.contains(signature(s.labels(), m))).forEach(out::add);
            }
            default -> {
                for (Sample s : left) {
                    Sample o = rightBySig.get(signature(s.labels(), m));
                    if (o == null) {
                        continue;
                    }
                    Labels labels = m == null ? s.labels() : m.on() ? s.labels().keep(m.labels()) : s.labels().drop(m.labels());
                    if (b.op().comparison()) {
                        if (compare(b.op(), s.value(), o.value())) {
                            out.add(new Sample(labels, s.value()));
                        }
                    } else {
                        out.add(new Sample(labels, arith(b.op(), s.value(), o.value())));
                    }
                }
            }
        }
        return out;
    }

    private static Labels signature(Labels l, Expr.Matching m) {
        if (m == null) {
            return l;
        }
        return m.on() ? l.keep(m.labels()) : l.drop(m.labels());
    }

    private static boolean compare(BinOp op, double a, double b) {
        return switch (op) {
            case EQ -> a == b;
            case NE -> a != b;
            case GT -> a > b;
            case LT -> a < b;
            case GE -> a >= b;
            case LE -> a <= b;
            default -> throw new IllegalStateException(op.toString());
        };
    }

    private static double arith(BinOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MOD -> a % b;
            default -> throw new IllegalStateException(op.toString());
        };
    }

    /** An expression that cannot be evaluated over the data it met (e.g. many-to-many matching). */
    public static final class EvaluationException extends RuntimeException {
        EvaluationException(String message) {
            super(message);
        }
    }
}

package io.quantsinfra.core.promql;

import io.quantsinfra.core.promql.Expr.BinOp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates an expression at one instant over series data, as Prometheus 2.42 does. Pure: the same data and
 * instant always give the same vector. Windows are half-open on CloudWatch period starts: {@code [t - range, t)},
 * so at 12:05 a {@code [5m]} range holds the periods 12:00..12:04; an instant selector takes the latest datapoint in
 * {@code [t - 5m, t)} (Prometheus's lookback); {@code offset d} moves both back by d. A period's datapoint is
 * known once the period is over, which is why the period starting at t is not yet visible at t.
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

    /** The instant vector {@code expr} gives at {@code at}; a number gives one sample without labels. */
    public static List<Sample> vector(Expr expr, Instant at, SeriesLookup lookup) {
        Object v = new Evaluator(lookup, at.toEpochMilli()).eval(expr);
        if (v instanceof Double d) {
            return List.of(new Sample(Labels.EMPTY, d));
        }
        return vec(v);
    }

    /** The value {@code expr} gives at {@code at}: a Double for a scalar, else a List of Sample. */
    public static Object value(Expr expr, Instant at, SeriesLookup lookup) {
        return new Evaluator(lookup, at.toEpochMilli()).eval(expr);
    }

    @SuppressWarnings("unchecked")
    static List<Sample> vec(Object v) {
        return (List<Sample>) v;
    }

    long time() {
        return t;
    }

    Object eval(Expr e) {
        return switch (e) {
            case Expr.Number n -> n.value();
            case Expr.Str s -> s.value();
            case Expr.Selector s -> instant(s, false);
            case Expr.RangeCall r -> range(r);
            case Expr.Call c -> Functions.call(this, c);
            case Expr.Aggregate a -> Aggregations.aggregate(a, vec(eval(a.inner())), a.param() == null ? null : eval(a.param()));
            case Expr.Binary b -> binary(b);
        };
    }

    double scalar(Expr e) {
        return (Double) eval(e);
    }

    /** The latest datapoint of each matching series in the lookback; with {@code stamp}, its time in seconds instead. */
    List<Sample> instant(Expr.Selector s, boolean stamp) {
        List<Sample> out = new ArrayList<>();
        long end = t - s.offset().toMillis();
        long from = end - LOOKBACK.toMillis();
        for (SeriesData d : lookup.series(s)) {
            int i = d.firstAtOrAfter(end);
            if (i > 0 && d.times()[i - 1] >= from) {
                out.add(new Sample(d.labels(), stamp ? d.times()[i - 1] / 1000.0 : d.values()[i - 1]));
            }
        }
        return out;
    }

    private List<Sample> range(Expr.RangeCall r) {
        double[] params = new double[r.params().size()];
        for (int i = 0; i < params.length; i++) {
            params[i] = scalar(r.params().get(i));
        }
        long end = t - r.selector().offset().toMillis();
        long from = end - r.range().toMillis();
        List<Sample> out = new ArrayList<>();
        boolean any = false;
        for (SeriesData d : lookup.series(r.selector())) {
            int lo = d.firstAtOrAfter(from);
            int hi = d.firstAtOrAfter(end);
            if (hi <= lo) {
                continue;
            }
            any = true;
            if (r.fn() == Expr.RangeFn.ABSENT_OVER_TIME) {
                continue;
            }
            Double v = RangeFunctions.apply(r.fn(), params, new RangeFunctions.Window(d.times(), d.values(), lo, hi, from, end, t));
            if (v != null) {
                out.add(new Sample(d.labels(), v));
            }
        }
        if (r.fn() == Expr.RangeFn.ABSENT_OVER_TIME && !any) {
            out.add(new Sample(Functions.absentLabels(r.selector()), 1));
        }
        return out;
    }

    private Object binary(Expr.Binary b) {
        Object l = eval(b.left());
        Object r = eval(b.right());
        BinOp op = b.op();
        if (l instanceof Double x && r instanceof Double y) {
            Double v = Ops.apply(op, x, y);
            return b.bool() ? (Ops.keeps(op, x, y) ? 1.0 : 0.0) : v;
        }
        if (l instanceof Double || r instanceof Double) {
            return vectorScalar(b, l, r);
        }
        return vectorVector(b, vec(l), vec(r));
    }

    private List<Sample> vectorScalar(Expr.Binary b, Object l, Object r) {
        boolean swap = l instanceof Double;
        List<Sample> v = vec(swap ? r : l);
        double s = (Double) (swap ? l : r);
        List<Sample> out = new ArrayList<>();
        for (Sample x : v) {
            double lv = swap ? s : x.value();
            double rv = swap ? x.value() : s;
            double value = Ops.apply(b.op(), lv, rv);
            boolean keep = Ops.keeps(b.op(), lv, rv);
            if (b.op().comparison() && swap) {
                value = rv;
            }
            if (b.bool()) {
                value = keep ? 1 : 0;
                keep = true;
            }
            if (keep) {
                out.add(new Sample(x.labels(), value));
            }
        }
        return out;
    }

    private List<Sample> vectorVector(Expr.Binary b, List<Sample> left, List<Sample> right) {
        Expr.Matching m = b.matching();
        return switch (b.op()) {
            case AND -> {
                Set<Labels> sigs = new HashSet<>();
                right.forEach(s -> sigs.add(signature(s.labels(), m)));
                yield left.stream().filter(s -> sigs.contains(signature(s.labels(), m))).toList();
            }
            case UNLESS -> {
                Set<Labels> sigs = new HashSet<>();
                right.forEach(s -> sigs.add(signature(s.labels(), m)));
                yield left.stream().filter(s -> !sigs.contains(signature(s.labels(), m))).toList();
            }
            case OR -> {
                List<Sample> out = new ArrayList<>(left);
                Set<Labels> sigs = new HashSet<>();
                left.forEach(s -> sigs.add(signature(s.labels(), m)));
                right.stream().filter(s -> !sigs.contains(signature(s.labels(), m))).forEach(out::add);
                yield out;
            }
            default -> matched(b, left, right);
        };
    }

    /** Arithmetic and comparison between vectors, one-to-one or with a group modifier, in Prometheus's order of checks. */
    private List<Sample> matched(Expr.Binary b, List<Sample> lhs, List<Sample> rhs) {
        Expr.Matching m = b.matching();
        Expr.Card card = m == null ? Expr.Card.ONE_TO_ONE : m.card();
        if (card == Expr.Card.ONE_TO_MANY) {
            List<Sample> tmp = lhs;
            lhs = rhs;
            rhs = tmp;
        }
        Map<Labels, Sample> rightSigs = oneSide(rhs, m, card);
        Map<Labels, Set<Labels>> matchedSigs = new LinkedHashMap<>();
        List<Sample> out = new ArrayList<>();
        for (Sample ls : lhs) {
            Labels sig = signature(ls.labels(), m);
            Sample rs = rightSigs.get(sig);
            if (rs == null) {
                continue;
            }
            double vl = card == Expr.Card.ONE_TO_MANY ? rs.value() : ls.value();
            double vr = card == Expr.Card.ONE_TO_MANY ? ls.value() : rs.value();
            double value = Ops.apply(b.op(), vl, vr);
            boolean keep = Ops.keeps(b.op(), vl, vr);
            if (b.bool()) {
                value = keep ? 1 : 0;
            } else if (!keep) {
                continue;
            }
            Labels metric = resultLabels(ls.labels(), rs.labels(), m);
            checkUnique(matchedSigs, sig, metric, card);
            out.add(new Sample(metric, value));
        }
        return out;
    }

    /**
     * The "one" side by match signature (the right, or the left for group_right, which {@link #matched} swapped in);
     * two series with one signature there is many-to-many, which Prometheus refuses.
     */
    private static Map<Labels, Sample> oneSide(List<Sample> rhs, Expr.Matching m, Expr.Card card) {
        Map<Labels, Sample> rightSigs = new HashMap<>();
        for (Sample s : rhs) {
            Sample dup = rightSigs.putIfAbsent(signature(s.labels(), m), s);
            if (dup != null) {
                throw new EvaluationException("found duplicate series for the match group " + signature(s.labels(), m)
                        + " on the " + (card == Expr.Card.ONE_TO_MANY ? "left" : "right") + " hand-side of the operation: ["
                        + dup.labels() + ", " + s.labels() + "]; many-to-many matching not allowed: matching labels must be "
                        + "unique on one side");
            }
        }
        return rightSigs;
    }

    /**
     * Refuses a second match: one-to-one allows one result per signature, a group modifier one per result label set.
     * {@code matchedSigs} remembers what was produced so far.
     */
    private static void checkUnique(Map<Labels, Set<Labels>> matchedSigs, Labels sig, Labels metric, Expr.Card card) {
        Set<Labels> inserted = matchedSigs.get(sig);
        if (card == Expr.Card.ONE_TO_ONE) {
            if (inserted != null) {
                throw new EvaluationException("multiple matches for labels " + sig + ": many-to-one matching must be "
                        + "explicit (group_left/group_right)");
            }
            matchedSigs.put(sig, Set.of());
            return;
        }
        if (inserted == null) {
            inserted = new HashSet<>();
            matchedSigs.put(sig, inserted);
        }
        if (!inserted.add(metric)) {
            throw new EvaluationException("multiple matches for labels " + metric + ": grouping labels must ensure "
                    + "unique matches");
        }
    }

    private static Labels resultLabels(Labels many, Labels one, Expr.Matching m) {
        if (m == null) {
            return many;
        }
        Labels l = many;
        if (m.card() == Expr.Card.ONE_TO_ONE) {
            l = m.on() ? l.keep(m.labels()) : l.drop(m.labels());
        }
        if (m.include().isEmpty()) {
            return l;
        }
        Map<String, String> map = new java.util.TreeMap<>(l.map());
        for (String name : m.include()) {
            String v = one.get(name);
            if (v.isEmpty()) {
                map.remove(name);
            } else {
                map.put(name, v);
            }
        }
        return Labels.of(map);
    }

    private static Labels signature(Labels l, Expr.Matching m) {
        if (m == null) {
            return l;
        }
        return m.on() ? l.keep(m.labels()) : l.drop(m.labels());
    }

    /** An expression that cannot be evaluated over the data it met (e.g. many-to-many matching). */
    public static final class EvaluationException extends RuntimeException {
        EvaluationException(String message) {
            super(message);
        }
    }
}

package io.quantsinfra.core.promql.promqltest;

import io.quantsinfra.core.promql.Evaluator;
import io.quantsinfra.core.promql.Expr;
import io.quantsinfra.core.promql.ExpressionException;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.promql.PromQl;
import io.quantsinfra.core.promql.Sample;
import io.quantsinfra.core.promql.SeriesData;
import io.quantsinfra.core.promql.SeriesLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a {@link Script} over core's evaluator and classifies every {@code eval}: it agrees, it is not expressible
 * over CloudWatch datapoints at one-minute resolution (with the reason), or it disagrees.
 *
 * <p><b>How times map.</b> A sample loaded at time s is a datapoint whose period starts at s. Prometheus 2.x reads a
 * closed window {@code [T - range, T]} at instant T; core reads the half-open {@code [end - range, end)} with
 * {@code end = T - offset}. On the millisecond grid both live on, {@code [T - range, T]} is exactly
 * {@code [T - range, T + 1ms)}, so the runner evaluates core at T with every selector's offset moved 1 ms into the
 * future and every range made 1 ms longer: the same datapoints, {@code time()} and {@code predict_linear}'s
 * intercept exactly at T. What stays is (a) rate/increase/delta divide by and extrapolate to a window 1 ms longer,
 * a relative difference under 1 ms / range (≤ 1.7e-5 at [1m]), which is counted as agreeing, separately; (b) the
 * instant lookback, a constant in core: Prometheus 2.x still sees a sample exactly 5 minutes old, so for instant
 * selectors that edge datapoint is presented 1 ms later (see {@link #lookup}); where that still changes a result
 * ({@code timestamp()} of such a sample) the case is not expressible.
 */
final class Runner {
    /** Prometheus's promqltest tolerance (promql/test.go: epsilon). */
    static final double EPSILON = 1e-6;
    /** The 1 ms longer window's largest relative effect on rate/increase/delta at ranges of a minute or more. */
    static final double SHIFT_TOLERANCE = 1e-4;
    private static final Duration MS = Duration.ofMillis(1);

    enum Kind { AGREE, AGREE_WITHIN_SHIFT, NOT_EXPRESSIBLE, DISAGREE }

    /** The verdict on one eval: {@code id} is {@code file:line}. */
    record Outcome(String id, String source, Kind kind, String reason) {}

    private record Stored(String metric, Labels labels, TreeMap<Long, Double> points, long stepMs) {}

    private final Map<String, Stored> storage = new LinkedHashMap<>();

    /** Runs every command of {@code text}; one outcome per eval. */
    static List<Outcome> run(String file, String text) {
        Runner r = new Runner();
        List<Outcome> out = new ArrayList<>();
        for (Script.Command c : Script.parse(text)) {
            switch (c) {
                case Script.Clear cl -> r.storage.clear();
                case Script.Load l -> r.load(l);
                case Script.Eval e -> out.add(r.eval(file + ":" + e.line(), e));
            }
        }
        return out;
    }

    private void load(Script.Load l) {
        for (Script.Series s : l.series()) {
            Stored st = storage.computeIfAbsent(s.metric() + s.labels(), k -> new Stored(s.metric(), s.labels(), new TreeMap<>(), l.stepMs()));
            for (int i = 0; i < s.values().size(); i++) {
                if (s.values().get(i) != null) {
                    st.points().put(i * l.stepMs(), s.values().get(i));
                }
            }
        }
    }

    private Outcome eval(String id, Script.Eval e) {
        if (e.range()) {
            return notExpressible(id, e, "range query (eval range): alerts evaluate one instant each minute");
        }
        if (e.atMs() % 60_000 != 0) {
            return notExpressible(id, e, "instant not on a whole minute: the evaluator runs on minutes");
        }
        Expr expr;
        try {
            expr = PromQl.parse(e.expr());
        } catch (ExpressionException ex) {
            String why = refusalReason(ex.getMessage());
            if (why != null) {
                return notExpressible(id, e, why);
            }
            return e.fail() ? outcome(id, e, Kind.AGREE, "refused by the parser: " + ex.getMessage())
                    : outcome(id, e, Kind.DISAGREE, "core refuses: " + ex.getMessage());
        }
        for (Expr.Selector s : expr.selectors()) {
            for (Stored st : matching(s)) {
                if (st.stepMs() % 60_000 != 0) {
                    return notExpressible(id, e, "series loaded at a sub-minute step: CloudWatch keeps one datapoint a minute");
                }
                if (st.points().values().stream().anyMatch(v -> Double.doubleToRawLongBits(v) == Script.STALE_BITS)) {
                    return notExpressible(id, e, "staleness markers: CloudWatch has none, a series just stops");
                }
            }
        }
        Object value;
        try {
            Expr shifted = shifted(expr);
            java.util.Set<Expr.Selector> instant = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            instant.addAll(instantSelectors(shifted, new ArrayList<>()));
            value = Evaluator.value(shifted, Instant.ofEpochMilli(e.atMs()), lookup(instant, e.atMs()));
        } catch (RuntimeException ex) {
            return e.fail() ? outcome(id, e, Kind.AGREE, "fails: " + ex.getMessage())
                    : outcome(id, e, Kind.DISAGREE, "core fails: " + ex.getMessage());
        }
        if (e.fail()) {
            return outcome(id, e, Kind.DISAGREE, "Prometheus fails, core gives " + value);
        }
        Kind kind = compare(e, value, hasExtrapolation(expr));
        if (kind == Kind.DISAGREE && lookbackEdge(expr, e.atMs())) {
            return notExpressible(id, e, "a sample exactly 5m old: Prometheus 2.x's lookback is closed, core's half-open");
        }
        return outcome(id, e, kind, kind == Kind.DISAGREE ? "expected " + expected(e) + ", core gives " + value : "");
    }

    /** The reason a parser refusal means "cannot be expressed over CloudWatch", or null for any other refusal. */
    static String refusalReason(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("@ modifier")) {
            return "@ modifier: an alert evaluates at the current minute";
        }
        if (m.contains("subquer")) {
            return "subquery: core applies range functions to stored series only";
        }
        if (m.contains("shorter than cloudwatch") || m.contains("must be whole minutes")) {
            return "range or offset not whole minutes: CloudWatch's period is one minute";
        }
        if (m.contains("longer than the 1d") || m.contains("further back than the 1d")) {
            return "range over 1d: one cycle fetches at most a day";
        }
        if (m.contains("__name__") || m.contains("needs a metric name")) {
            return "selector without a metric name: each CloudWatch series is found by its name";
        }
        if (m.contains("negative offset")) {
            return "negative offset: an alert evaluates the current minute, no datapoint comes after it";
        }
        if (m.contains("histogram")) {
            return "histograms: CloudWatch keeps no buckets and no native histograms";
        }
        if (m.contains("a string is not an expression")) {
            return "string result: an alert expression gives numbers";
        }
        return null;
    }

    private Kind compare(Script.Eval e, Object value, boolean extrapolates) {
        if (e.scalar() != null) {
            if (!(value instanceof Double d)) {
                return Kind.DISAGREE;
            }
            return closeness(e.scalar(), d, extrapolates);
        }
        if (value instanceof Double) {
            return Kind.DISAGREE;
        }
        @SuppressWarnings("unchecked")
        List<Sample> got = (List<Sample>) value;
        if (got.size() != e.samples().size()) {
            return Kind.DISAGREE;
        }
        Map<Labels, Integer> expectedAt = new HashMap<>();
        for (int i = 0; i < e.samples().size(); i++) {
            expectedAt.put(e.samples().get(i).labels(), i);
        }
        Kind worst = Kind.AGREE;
        for (int i = 0; i < got.size(); i++) {
            Integer at = expectedAt.remove(got.get(i).labels());
            if (at == null || e.ordered() && at != i) {
                return Kind.DISAGREE;
            }
            Kind k = closeness(e.samples().get(at).value(), got.get(i).value(), extrapolates);
            if (k == Kind.DISAGREE) {
                return k;
            }
            if (k == Kind.AGREE_WITHIN_SHIFT) {
                worst = k;
            }
        }
        return worst;
    }

    private static Kind closeness(double expected, double actual, boolean extrapolates) {
        if (almostEqual(expected, actual, EPSILON)) {
            return Kind.AGREE;
        }
        return extrapolates && almostEqual(expected, actual, SHIFT_TOLERANCE) ? Kind.AGREE_WITHIN_SHIFT : Kind.DISAGREE;
    }

    /** Prometheus's almostEqual (promql/test.go), with the tolerance as a parameter. */
    static boolean almostEqual(double a, double b, double epsilon) {
        if (Double.isNaN(a) && Double.isNaN(b) || a == b) {
            return true;
        }
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || diff < Double.MIN_NORMAL) {
            return diff < epsilon * Double.MIN_NORMAL;
        }
        return diff / (Math.abs(a) + Math.abs(b)) < epsilon;
    }

    private static boolean hasExtrapolation(Expr expr) {
        return expr.toString().matches("(?s).*\\b(rate|increase|delta)\\(.*");
    }

    /** Whether an instant selector's latest sample in Prometheus's closed lookback sits exactly on its start. */
    private boolean lookbackEdge(Expr expr, long at) {
        for (Expr.Selector s : instantSelectors(expr, new ArrayList<>())) {
            long end = at - s.offset().toMillis();
            long edge = end - Evaluator.LOOKBACK.toMillis();
            for (Stored st : matching(s)) {
                Map.Entry<Long, Double> latest = st.points().floorEntry(end);
                if (latest != null && latest.getKey() == edge) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Expr.Selector> instantSelectors(Expr e, List<Expr.Selector> out) {
        switch (e) {
            case Expr.Selector s -> out.add(s);
            case Expr.Call c -> c.args().forEach(a -> instantSelectors(a, out));
            case Expr.Aggregate a -> {
                if (a.param() != null) {
                    instantSelectors(a.param(), out);
                }
                instantSelectors(a.inner(), out);
            }
            case Expr.Binary b -> {
                instantSelectors(b.left(), out);
                instantSelectors(b.right(), out);
            }
            case Expr.RangeCall r -> r.params().forEach(p -> instantSelectors(p, out));
            case Expr.Number n -> { }
            case Expr.Str s -> { }
        }
        return out;
    }

    /** The expression with Prometheus 2.x's closed windows made half-open: offsets 1 ms earlier, ranges 1 ms longer. */
    static Expr shifted(Expr e) {
        return switch (e) {
            case Expr.Number n -> n;
            case Expr.Str s -> s;
            case Expr.Selector s -> new Expr.Selector(s.metric(), s.matchers(), s.offset().minus(MS));
            case Expr.RangeCall r -> new Expr.RangeCall(r.fn(), (Expr.Selector) shifted(r.selector()), r.range().plus(MS),
                    r.params().stream().map(Runner::shifted).toList());
            case Expr.Call c -> new Expr.Call(c.fn(), c.args().stream().map(Runner::shifted).toList());
            case Expr.Aggregate a -> new Expr.Aggregate(a.op(), a.by(), a.without(), a.param() == null ? null : shifted(a.param()),
                    shifted(a.inner()));
            case Expr.Binary b -> new Expr.Binary(b.op(), shifted(b.left()), shifted(b.right()), b.matching(), b.bool());
        };
    }

    private List<Stored> matching(Expr.Selector s) {
        return storage.values().stream().filter(st -> st.metric().equals(s.metric()))
                .filter(st -> s.matchers().stream().allMatch(m -> m.matches(st.labels()))).toList();
    }

    /**
     * Core's view of the storage: the matching series, sorted by labels as Prometheus's storage returns them. For an
     * instant selector ({@code instant}, by identity) a series whose latest datapoint sits exactly on the start of
     * Prometheus 2.x's closed 5-minute lookback gets that datapoint 1 ms later: core's lookback is a constant, so the
     * closed window is translated by moving its edge datapoint instead of lengthening the window (as for ranges).
     */
    private SeriesLookup lookup(java.util.Set<Expr.Selector> instant, long at) {
        return s -> matching(s).stream().sorted(java.util.Comparator.comparing(Stored::labels))
                .map(st -> {
                    TreeMap<Long, Double> points = st.points();
                    if (instant.contains(s)) {
                        long end = at - s.offset().toMillis() - MS.toMillis();
                        long edge = end - Evaluator.LOOKBACK.toMillis();
                        Map.Entry<Long, Double> latest = points.floorEntry(end);
                        if (latest != null && latest.getKey() == edge) {
                            points = new TreeMap<>(points);
                            points.remove(edge);
                            points.put(edge + MS.toMillis(), latest.getValue());
                        }
                    }
                    return new SeriesData(st.labels(), points.keySet().stream().mapToLong(Long::longValue).toArray(),
                            points.values().stream().mapToDouble(Double::doubleValue).toArray());
                })
                .toList();
    }

    private static String expected(Script.Eval e) {
        if (e.scalar() != null) {
            return "scalar " + e.scalar();
        }
        List<String> s = new ArrayList<>();
        e.samples().forEach(x -> s.add(x.labels() + " " + x.value()));
        return s.toString();
    }

    private static Outcome notExpressible(String id, Script.Eval e, String reason) {
        return outcome(id, e, Kind.NOT_EXPRESSIBLE, reason);
    }

    private static Outcome outcome(String id, Script.Eval e, Kind kind, String reason) {
        return new Outcome(id, e.source(), kind, reason);
    }
}

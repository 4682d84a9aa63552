package io.quantsinfra.core.promql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/** The instant functions, as Prometheus 2.42 computes them. */
final class Functions {
    private Functions() {}

    static Object call(Evaluator ev, Expr.Call c) {
        List<Expr> a = c.args();
        return switch (c.fn()) {
            case TIME -> ev.time() / 1000.0;
            case PI -> Math.PI;
            case VECTOR -> List.of(new Sample(Labels.EMPTY, ev.scalar(a.get(0))));
            case SCALAR -> {
                List<Sample> v = Evaluator.vec(ev.eval(a.get(0)));
                yield v.size() == 1 ? v.get(0).value() : Double.NaN;
            }
            case TIMESTAMP -> a.get(0) instanceof Expr.Selector s ? ev.instant(s, true)
                    : map(Evaluator.vec(ev.eval(a.get(0))), x -> ev.time() / 1000.0);
            case ABSENT -> Evaluator.vec(ev.eval(a.get(0))).isEmpty()
                    ? List.of(new Sample(a.get(0) instanceof Expr.Selector s ? absentLabels(s) : Labels.EMPTY, 1)) : List.of();
            case SORT, SORT_DESC -> sort(Evaluator.vec(ev.eval(a.get(0))), c.fn() == Expr.Fn.SORT_DESC);
            case LABEL_REPLACE -> labelReplace(Evaluator.vec(ev.eval(a.get(0))), strings(a));
            case LABEL_JOIN -> labelJoin(Evaluator.vec(ev.eval(a.get(0))), strings(a));
            case CLAMP, CLAMP_MIN, CLAMP_MAX -> clamp(ev, c.fn(), a);
            case ROUND -> {
                double inverse = 1.0 / (a.size() > 1 ? ev.scalar(a.get(1)) : 1.0);
                yield map(Evaluator.vec(ev.eval(a.get(0))), x -> Math.floor(x * inverse + 0.5) / inverse);
            }
            case DAY_OF_WEEK, DAY_OF_MONTH, DAYS_IN_MONTH, HOUR, MINUTE, MONTH, YEAR -> {
                List<Sample> v = a.isEmpty() ? List.of(new Sample(Labels.EMPTY, ev.time() / 1000.0)) : Evaluator.vec(ev.eval(a.get(0)));
                yield map(v, x -> date(c.fn(), x));
            }
            default -> map(Evaluator.vec(ev.eval(a.get(0))), math(c.fn()));
        };
    }

    /** {@code clamp(v, min, max)} (nothing when max < min, as in Prometheus), {@code clamp_min}, {@code clamp_max}. */
    private static List<Sample> clamp(Evaluator ev, Expr.Fn fn, List<Expr> a) {
        return switch (fn) {
            case CLAMP -> {
                List<Sample> v = Evaluator.vec(ev.eval(a.get(0)));
                double min = ev.scalar(a.get(1));
                double max = ev.scalar(a.get(2));
                yield max < min ? List.of() : map(v, x -> Math.max(min, Math.min(max, x)));
            }
            case CLAMP_MIN -> {
                double min = ev.scalar(a.get(1));
                yield map(Evaluator.vec(ev.eval(a.get(0))), x -> Math.max(min, x));
            }
            default -> {
                double max = ev.scalar(a.get(1));
                yield map(Evaluator.vec(ev.eval(a.get(0))), x -> Math.min(max, x));
            }
        };
    }

    private static List<Sample> map(List<Sample> v, DoubleUnaryOperator f) {
        List<Sample> out = new ArrayList<>(v.size());
        for (Sample s : v) {
            out.add(new Sample(s.labels(), f.applyAsDouble(s.value())));
        }
        return out;
    }

    private static DoubleUnaryOperator math(Expr.Fn fn) {
        return switch (fn) {
            case ABS -> Math::abs;
            case CEIL -> Math::ceil;
            case FLOOR -> Math::floor;
            case SQRT -> Math::sqrt;
            case EXP -> Math::exp;
            case LN -> Math::log;
            case LOG2 -> Functions::log2;
            case LOG10 -> Math::log10;
            case SGN -> x -> x < 0 ? -1 : x > 0 ? 1 : x;
            case ACOS -> Math::acos;
            case ASIN -> Math::asin;
            case ATAN -> Math::atan;
            case COS -> Math::cos;
            case SIN -> Math::sin;
            case TAN -> Math::tan;
            case COSH -> Math::cosh;
            case SINH -> Math::sinh;
            case TANH -> Math::tanh;
            case ACOSH -> x -> Math.log(x + Math.sqrt(x * x - 1));
            case ASINH -> x -> Double.isInfinite(x) ? x : Math.signum(x) * Math.log(Math.abs(x) + Math.sqrt(x * x + 1));
            case ATANH -> x -> 0.5 * Math.log((1 + x) / (1 - x));
            case DEG -> x -> x * 180 / Math.PI;
            case RAD -> x -> x * Math.PI / 180;
            default -> throw new IllegalStateException(fn.toString());
        };
    }

    /** Go's math.Log2: exact for powers of two. */
    static double log2(double x) {
        if (x > 0 && !Double.isInfinite(x) && x == Math.scalb(1.0, Math.getExponent(x))) {
            return Math.getExponent(x);
        }
        return Math.log(x) * (1 / Math.log(2));
    }

    private static double date(Expr.Fn fn, double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return Double.NaN;
        }
        ZonedDateTime d = Instant.ofEpochSecond((long) seconds).atZone(ZoneOffset.UTC);
        return switch (fn) {
            case DAY_OF_WEEK -> d.getDayOfWeek().getValue() % 7;
            case DAY_OF_MONTH -> d.getDayOfMonth();
            case DAYS_IN_MONTH -> d.toLocalDate().lengthOfMonth();
            case HOUR -> d.getHour();
            case MINUTE -> d.getMinute();
            case MONTH -> d.getMonthValue();
            case YEAR -> d.getYear();
            default -> throw new IllegalStateException(fn.toString());
        };
    }

    /** As Prometheus: ascending or descending, NaN last either way. */
    private static List<Sample> sort(List<Sample> v, boolean desc) {
        List<Sample> out = new ArrayList<>(v);
        Comparator<Sample> nanLast = Comparator.comparing(x -> Double.isNaN(x.value()));
        Comparator<Sample> byValue = Comparator.comparingDouble(Sample::value);
        out.sort(nanLast.thenComparing(desc ? byValue.reversed() : byValue));
        return out;
    }

    private static List<String> strings(List<Expr> args) {
        return args.stream().skip(1).map(e -> ((Expr.Str) e).value()).toList();
    }

    /** {@code label_replace(v, dst, replacement, src, regex)}: anchored as Prometheus 2.42 anchors it ({@code ^(?:re)$}). */
    private static List<Sample> labelReplace(List<Sample> v, List<String> s) {
        Regex re = Regex.compile(s.get(3), Regex.Dialect.ALERTMANAGER);
        List<Sample> out = new ArrayList<>();
        for (Sample x : v) {
            String expanded = re.expand(x.labels().get(s.get(2)), s.get(1));
            out.add(expanded == null ? x : new Sample(set(x.labels(), s.get(0), expanded), x.value()));
        }
        return unique(out, "label_replace");
    }

    private static List<Sample> labelJoin(List<Sample> v, List<String> s) {
        List<Sample> out = new ArrayList<>();
        for (Sample x : v) {
            List<String> values = s.subList(2, s.size()).stream().map(x.labels()::get).toList();
            out.add(new Sample(set(x.labels(), s.get(0), String.join(s.get(1), values)), x.value()));
        }
        return unique(out, "label_join");
    }

    private static Labels set(Labels l, String name, String value) {
        Map<String, String> m = new TreeMap<>(l.map());
        if (value.isEmpty()) {
            m.remove(name);
        } else {
            m.put(name, value);
        }
        return Labels.of(m);
    }

    private static List<Sample> unique(List<Sample> v, String fn) {
        Set<Labels> seen = new HashSet<>();
        for (Sample s : v) {
            if (!seen.add(s.labels())) {
                throw new Evaluator.EvaluationException(fn + ": vector cannot contain metrics with the same labelset " + s.labels());
            }
        }
        return v;
    }

    /** The labels absent() and absent_over_time() give: the selector's equality matchers, a name matched twice left out. */
    static Labels absentLabels(Expr.Selector s) {
        Map<String, String> m = new LinkedHashMap<>();
        Set<String> twice = new HashSet<>();
        for (LabelMatcher lm : s.matchers()) {
            if (lm.op() == LabelMatcher.Op.EQ && m.put(lm.name(), lm.value()) != null) {
                twice.add(lm.name());
            }
        }
        twice.forEach(m::remove);
        return Labels.of(m);
    }
}

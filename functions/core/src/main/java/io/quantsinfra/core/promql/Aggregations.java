package io.quantsinfra.core.promql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The aggregation operators, as Prometheus 2.42 computes them (topk/bottomk keep its heap's choice among ties). */
final class Aggregations {
    private Aggregations() {}

    private static final class Group {
        final Labels labels;
        final List<Sample> samples = new ArrayList<>();

        Group(Labels labels) {
            this.labels = labels;
        }
    }

    static List<Sample> aggregate(Expr.Aggregate a, List<Sample> in, Object param) {
        String valueLabel = a.op() == Expr.AggOp.COUNT_VALUES ? (String) param : null;
        Map<Labels, Group> groups = new LinkedHashMap<>();
        for (Sample s : in) {
            Sample x = valueLabel == null ? s : new Sample(withLabel(s.labels(), valueLabel, format(s.value())), s.value());
            Labels key = key(a, x.labels(), valueLabel);
            groups.computeIfAbsent(key, Group::new).samples.add(x);
        }
        List<Sample> out = new ArrayList<>();
        for (Group g : groups.values()) {
            switch (a.op()) {
                case TOPK, BOTTOMK -> out.addAll(TopK.select(g.samples, (Double) param, a.op() == Expr.AggOp.TOPK));
                default -> out.add(new Sample(g.labels, reduce(a.op(), g.samples, param)));
            }
        }
        return out;
    }

    private static Labels key(Expr.Aggregate a, Labels l, String valueLabel) {
        if (a.without()) {
            return l.drop(a.by());
        }
        if (valueLabel == null) {
            return l.keep(a.by());
        }
        List<String> by = new ArrayList<>(a.by());
        by.add(valueLabel);
        return l.keep(by);
    }

    private static double reduce(Expr.AggOp op, List<Sample> s, Object param) {
        double first = s.get(0).value();
        return switch (op) {
            case SUM -> s.stream().mapToDouble(Sample::value).reduce(0, Double::sum);
            case AVG -> s.stream().mapToDouble(Sample::value).reduce(0, Double::sum) / s.size();
            case COUNT, COUNT_VALUES -> s.size();
            case GROUP -> 1;
            case MAX, MIN -> {
                double m = first;
                for (Sample x : s) {
                    if ((op == Expr.AggOp.MAX ? m < x.value() : m > x.value()) || Double.isNaN(m)) {
                        m = x.value();
                    }
                }
                yield m;
            }
            case STDDEV, STDVAR -> {
                double count = 1;
                double mean = first;
                double value = 0;
                for (int i = 1; i < s.size(); i++) {
                    double v = s.get(i).value();
                    count++;
                    double delta = v - mean;
                    mean += delta / count;
                    value += delta * (v - mean);
                }
                yield op == Expr.AggOp.STDVAR ? value / count : Math.sqrt(value / count);
            }
            case QUANTILE -> quantile((Double) param, s.stream().mapToDouble(Sample::value).toArray());
            default -> throw new IllegalStateException(op.toString());
        };
    }

    /** Prometheus's quantile: linear interpolation between the closest ranks; φ outside [0, 1] gives ±Inf. */
    static double quantile(double q, double[] values) {
        if (values.length == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double n = v.length;
        double rank = q * (n - 1);
        int lower = (int) Math.max(0, Math.floor(rank));
        int upper = (int) Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return v[lower] * (1 - weight) + v[upper] * weight;
    }

    private static Labels withLabel(Labels l, String name, String value) {
        Map<String, String> m = new TreeMap<>(l.map());
        m.put(name, value);
        return Labels.of(m);
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: the shortest decimal that reads back as v, no exponent. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}

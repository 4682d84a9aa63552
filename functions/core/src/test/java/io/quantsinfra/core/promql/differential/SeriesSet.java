package io.quantsinfra.core.promql.differential;

import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.promql.SeriesData;
import io.quantsinfra.core.promql.SeriesLookup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated series at minute resolution from time 0: gauges {@code a} (job, inst) and {@code b} (job) with negative
 * values, counters {@code c} (job, inst) with resets, and gaps everywhere ({@code null}).
 */
final class SeriesSet {
    static final int MINUTES = 41;

    record Series(String metric, Labels labels, Double[] values) {}

    final List<Series> series = new ArrayList<>();

    static SeriesSet generate(Random r) {
        SeriesSet s = new SeriesSet();
        for (String job : List.of("x", "y")) {
            int insts = 1 + r.nextInt(3);
            for (int i = 1; i <= insts; i++) {
                s.series.add(new Series("a", Labels.of("job", job, "inst", "i" + i), gauge(r)));
                s.series.add(new Series("c", Labels.of("job", job, "inst", "i" + i), counter(r)));
            }
            s.series.add(new Series("b", Labels.of("job", job), gauge(r)));
        }
        if (r.nextBoolean()) {
            s.series.add(new Series("a", Labels.of("job", "z", "inst", "i1", "zone", "eu"), gauge(r)));
        }
        return s;
    }

    private static Double[] gauge(Random r) {
        Double[] v = new Double[MINUTES];
        boolean ints = r.nextBoolean();
        double level = r.nextInt(20) - 5;
        for (int i = 0; i < MINUTES; i++) {
            level += ints ? r.nextInt(7) - 3 : Math.round((r.nextDouble() * 6 - 3) * 4) / 4.0;
            v[i] = r.nextInt(10) == 0 ? null : level;
        }
        return v;
    }

    private static Double[] counter(Random r) {
        Double[] v = new Double[MINUTES];
        double c = r.nextInt(50);
        for (int i = 0; i < MINUTES; i++) {
            c = r.nextInt(15) == 0 ? r.nextInt(5) : c + r.nextInt(10);
            v[i] = r.nextInt(10) == 0 ? null : c;
        }
        return v;
    }

    /** Core's view: datapoints at each minute's start, series in Prometheus's order (sorted by labels). */
    SeriesLookup lookup() {
        Map<String, List<SeriesData>> byMetric = new LinkedHashMap<>();
        for (Series s : series) {
            List<Long> t = new ArrayList<>();
            List<Double> v = new ArrayList<>();
            for (int i = 0; i < MINUTES; i++) {
                if (s.values[i] != null) {
                    t.add(i * 60_000L);
                    v.add(s.values[i]);
                }
            }
            byMetric.computeIfAbsent(s.metric, k -> new ArrayList<>()).add(new SeriesData(s.labels,
                    t.stream().mapToLong(Long::longValue).toArray(), v.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        byMetric.values().forEach(l -> l.sort(Comparator.comparing(SeriesData::labels)));
        return sel -> byMetric.getOrDefault(sel.metric(), List.of()).stream()
                .filter(d -> sel.matchers().stream().allMatch(m -> m.matches(d.labels()))).toList();
    }

    /** The promtool {@code input_series} block. */
    String inputSeries(String indent) {
        StringBuilder b = new StringBuilder(indent + "input_series:\n");
        for (Series s : series) {
            StringBuilder vals = new StringBuilder();
            for (Double d : s.values) {
                vals.append(vals.isEmpty() ? "" : " ").append(d == null ? "_" : Double.toString(d));
            }
            b.append(indent).append("- series: '").append(s.metric).append(s.labels).append("'\n")
                    .append(indent).append("  values: '").append(vals).append("'\n");
        }
        return b.toString();
    }
}

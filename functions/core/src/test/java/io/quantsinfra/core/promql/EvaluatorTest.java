package io.quantsinfra.core.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvaluatorTest {
    static final Instant T = Instant.parse("2026-01-01T12:10:00Z");
    static final long MIN = 60_000;

    /** Two CPU series (one minute apart, 12:00..12:09) and a counter with a reset. */
    static final Map<String, List<SeriesData>> DATA = Map.of(
            "cpu", List.of(
                    series(Labels.of("service", "a", "cluster", "q"), 10, 20, 30, 40, 50, 60, 70, 80, 90, 95),
                    series(Labels.of("service", "b", "cluster", "q"), 5, 5, 5, 5, 5, 5, 5, 5, 5, 5)),
            "trades_total", List.of(series(Labels.of("service", "a"), 0, 10, 20, 30, 40, 5, 15, 25, 35, 45)),
            "stale", List.of(new SeriesData(Labels.of("service", "c"), new long[] {T.toEpochMilli() - 20 * MIN}, new double[] {1})));

    static SeriesData series(Labels l, double... v) {
        long[] t = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            t[i] = T.toEpochMilli() - (v.length - i) * MIN;
        }
        return new SeriesData(l, t, v);
    }

    static SeriesLookup lookup() {
        return sel -> {
            List<SeriesData> out = new ArrayList<>();
            for (SeriesData d : DATA.getOrDefault(sel.metric(), List.of())) {
                if (sel.matchers().stream().allMatch(m -> m.matches(d.labels()))) {
                    out.add(d);
                }
            }
            return out;
        };
    }

    static Stream<Arguments> evaluates() {
        return Stream.of(
                Arguments.of("latest value", "cpu", "{cluster=\"q\", service=\"a\"}=95;{cluster=\"q\", service=\"b\"}=5"),
                Arguments.of("threshold filters", "cpu > 80", "{cluster=\"q\", service=\"a\"}=95"),
                Arguments.of("matcher", "cpu{service=~\"b|c\"} < 10", "{cluster=\"q\", service=\"b\"}=5"),
                Arguments.of("avg_over_time 5m is the 5 periods before t", "avg_over_time(cpu{service=\"a\"}[5m])",
                        "{cluster=\"q\", service=\"a\"}=79"),
                Arguments.of("max_over_time", "max_over_time(cpu{service=\"a\"}[3m])", "{cluster=\"q\", service=\"a\"}=95"),
                Arguments.of("min_over_time", "min_over_time(cpu{service=\"a\"}[3m])", "{cluster=\"q\", service=\"a\"}=80"),
                Arguments.of("sum_over_time", "sum_over_time(cpu{service=\"b\"}[2m])", "{cluster=\"q\", service=\"b\"}=10"),
                Arguments.of("count_over_time", "count_over_time(cpu{service=\"b\"}[4m])", "{cluster=\"q\", service=\"b\"}=4"),
                Arguments.of("increase handles the reset", "increase(trades_total[10m])", "{service=\"a\"}=" + 85 * 10.0 / 9),
                Arguments.of("rate is increase per second", "rate(trades_total[5m])", "{service=\"a\"}=" + 40 * 5.0 / 4 / 300),
                Arguments.of("sum by", "sum by (cluster) (cpu)", "{cluster=\"q\"}=100"),
                Arguments.of("avg without by", "avg(cpu)", "{}=50"),
                Arguments.of("count", "count by (cluster) (cpu > 1)", "{cluster=\"q\"}=2"),
                Arguments.of("arithmetic", "cpu / 100 > 0.9", "{cluster=\"q\", service=\"a\"}=0.95"),
                Arguments.of("vector comparison", "cpu > on(cluster, service) cpu - 1", "{cluster=\"q\", service=\"a\"}=95;{cluster=\"q\", service=\"b\"}=5"),
                Arguments.of("and", "cpu and cpu{service=\"a\"}", "{cluster=\"q\", service=\"a\"}=95"),
                Arguments.of("unless", "cpu unless cpu{service=\"a\"}", "{cluster=\"q\", service=\"b\"}=5"),
                Arguments.of("or", "cpu{service=\"a\"} or trades_total", "{cluster=\"q\", service=\"a\"}=95;{service=\"a\"}=45"),
                Arguments.of("stale data is out of the lookback", "stale", ""),
                Arguments.of("absent when nothing", "absent(nosuch{job=\"x\"})", "{job=\"x\"}=1"),
                Arguments.of("absent when present", "absent(cpu)", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void evaluates(String name, String expr, String expected) {
        List<Sample> v = Evaluator.vector(PromQl.parse(expr), T, lookup());
        List<String> got = v.stream().map(s -> s.labels() + "=" + format(s.value())).sorted().toList();
        assertEquals(expected, String.join(";", got));
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

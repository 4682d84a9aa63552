package io.quantsinfra.core.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sort and sort_desc order as Prometheus does, NaN last either way (found by Prometheus's functions.test). */
class SortTest {
    static final Instant T = Instant.parse("2026-01-01T12:10:00Z");

    private static List<String> eval(String expr) {
        long t = T.toEpochMilli() - 60_000;
        SeriesLookup data = sel -> List.of(
                new SeriesData(Labels.of("i", "0"), new long[] {t}, new double[] {700}),
                new SeriesData(Labels.of("i", "1"), new long[] {t}, new double[] {Double.NaN}),
                new SeriesData(Labels.of("i", "2"), new long[] {t}, new double[] {-5}),
                new SeriesData(Labels.of("i", "3"), new long[] {t}, new double[] {100}));
        return Evaluator.vector(PromQl.parse(expr), T, data).stream().map(s -> s.labels().get("i")).toList();
    }

    @Test
    void sort_isAscending_NaNLast() {
        assertEquals(List.of("2", "3", "0", "1"), eval("sort(x)"));
    }

    @Test
    void sortDesc_isDescending_NaNLast() {
        assertEquals(List.of("0", "3", "2", "1"), eval("sort_desc(x)"));
    }
}

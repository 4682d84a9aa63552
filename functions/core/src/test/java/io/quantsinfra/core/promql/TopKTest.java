package io.quantsinfra.core.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** topk and bottomk return their samples in Prometheus's order (found by Prometheus's aggregators.test). */
class TopKTest {
    static final Instant T = Instant.parse("2026-01-01T12:10:00Z");

    private static List<String> eval(String expr) {
        long t = T.toEpochMilli() - 60_000;
        SeriesLookup data = sel -> List.of(
                new SeriesData(Labels.of("i", "0"), new long[] {t}, new double[] {700}),
                new SeriesData(Labels.of("i", "1"), new long[] {t}, new double[] {800}),
                new SeriesData(Labels.of("i", "2"), new long[] {t}, new double[] {Double.NaN}),
                new SeriesData(Labels.of("i", "3"), new long[] {t}, new double[] {100}));
        return Evaluator.vector(PromQl.parse(expr), T, data).stream().map(s -> s.labels().get("i")).toList();
    }

    @Test
    void topk_returnsLargestFirst_NaNLast() {
        assertEquals(List.of("1", "0", "3", "2"), eval("topk(5, x)"));
        assertEquals(List.of("1", "0"), eval("topk(2, x)"));
    }

    @Test
    void bottomk_returnsSmallestFirst_NaNLast() {
        assertEquals(List.of("3", "0", "1", "2"), eval("bottomk(5, x)"));
        assertEquals(List.of("3", "0"), eval("bottomk(2, x)"));
    }
}

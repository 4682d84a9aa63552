package io.quantsinfra.core.metrics;

import io.quantsinfra.core.promql.Expr;
import io.quantsinfra.core.promql.SeriesData;
import io.quantsinfra.core.promql.SeriesLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of one evaluation cycle: every distinct series the due rules select, fetched once, in batches
 * of at most {@link MetricSource#MAX_PER_REQUEST}. Series are sorted by how far back they are needed, so a
 * batch's window is no longer than its series need; 600 series with the same window take 2 requests.
 *
 * {@snippet :
 * CycleData data = CycleData.load(needs, now, discovery, source);
 * List<Sample> v = Evaluator.vector(expr, now, data);
 * }
 */
public final class CycleData implements SeriesLookup {
    /** The period every series is read at. */
    public static final Duration PERIOD = Duration.ofMinutes(1);

    private final Map<Expr.Selector, List<MetricId>> matched;
    private final Map<MetricId, Datapoints> data;
    private final int requests;
    private final int series;
    private final Map<Expr.Selector, List<SeriesData>> memo = new HashMap<>();

    private CycleData(Map<Expr.Selector, List<MetricId>> matched, Map<MetricId, Datapoints> data, int requests, int series) {
        this.matched = matched;
        this.data = data;
        this.requests = requests;
        this.series = series;
    }

    /** A selector and how far back before the evaluation time its data must reach. */
    public record Need(Expr.Selector selector, Duration window) {}

    /** Discovers and fetches what {@code needs} ask for, at {@code now} (truncated to the minute). */
    public static CycleData load(List<Need> needs, Instant now, SeriesDiscovery discovery, MetricSource source) {
        Instant end = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Map<Expr.Selector, List<MetricId>> matched = new LinkedHashMap<>();
        Map<MetricId, Duration> windows = new LinkedHashMap<>();
        Map<String, Object> listings = new HashMap<>();
        for (Need n : needs) {
            List<MetricId> ids = matched.computeIfAbsent(n.selector(), s -> discovery.matching(s, listings));
            for (MetricId id : ids) {
                windows.merge(id, n.window(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        List<Map.Entry<MetricId, Duration>> sorted = new ArrayList<>(windows.entrySet());
        sorted.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        Map<MetricId, Datapoints> data = new HashMap<>();
        int requests = 0;
        for (int i = 0; i < sorted.size(); i += MetricSource.MAX_PER_REQUEST) {
            List<Map.Entry<MetricId, Duration>> batch = sorted.subList(i, Math.min(sorted.size(), i + MetricSource.MAX_PER_REQUEST));
            Duration window = batch.getLast().getValue();
            List<MetricId> ids = batch.stream().map(Map.Entry::getKey).toList();
            data.putAll(source.fetch(ids, end.minus(window), end, PERIOD));
            requests++;
        }
        return new CycleData(matched, data, requests, windows.size());
    }

    @Override
    public List<SeriesData> series(Expr.Selector selector) {
        return memo.computeIfAbsent(selector, s -> {
            List<MetricId> ids = matched.get(s);
            if (ids == null) {
                return List.of();
            }
            List<SeriesData> out = new ArrayList<>(ids.size());
            for (MetricId id : ids) {
                Datapoints d = data.getOrDefault(id, Datapoints.NONE);
                out.add(new SeriesData(id.labels(), d.times(), d.values()));
            }
            return out;
        });
    }

    /** Distinct series fetched. */
    public int seriesCount() {
        return series;
    }

    /** GetMetricData requests made (continuation pages not counted). */
    public int requests() {
        return requests;
    }
}

package io.quantsinfra.core.metrics;

import io.quantsinfra.core.promql.Expr;
import io.quantsinfra.core.promql.LabelMatcher;
import io.quantsinfra.core.promql.Labels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds the CloudWatch series a selector matches, as Prometheus matches: labels not named are free. It lists
 * the metric's series (ListMetrics: by namespace for AWS metrics, whose CloudWatch names are found by their
 * snake case; by metric name for the services' own) and keeps the listing for {@code ttl}; an empty listing
 * is not kept, so a series that starts reporting is found on the next cycle.
 */
public final class SeriesDiscovery {
    private final MetricSource source;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Listing> cache = new ConcurrentHashMap<>();
    private final AtomicInteger listCalls = new AtomicInteger();

    /** A listing with each series' labels computed once (matching runs for every selector of every rule). */
    private record Listing(Instant at, List<MetricId> ids, List<Labels> labels, List<String> snakeNames) {
        static Listing of(Instant at, List<MetricId> ids) {
            return new Listing(at, List.copyOf(ids), ids.stream().map(MetricId::labels).toList(),
                    ids.stream().map(id -> CloudWatchNames.snake(id.name())).toList());
        }
    }

    public SeriesDiscovery(MetricSource source, Clock clock, Duration ttl) {
        this.source = source;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The series {@code selector} matches, each with the statistic its name asks for. */
    public List<MetricId> matching(Expr.Selector selector) {
        return matching(selector, new java.util.HashMap<>());
    }

    /**
     * As {@link #matching(Expr.Selector)}, sharing listings through {@code cycle}: within one cycle each
     * metric is listed at most once, whatever the cache's ttl.
     */
    public List<MetricId> matching(Expr.Selector selector, Map<String, Object> cycle) {
        CloudWatchNames.Target t = CloudWatchNames.target(selector.metric());
        List<MetricId> out = new ArrayList<>();
        String key = t.byNamespace() ? "ns:" + t.namespace() : "name:" + t.namespace() + ":" + t.metricName();
        Listing listing = (Listing) cycle.computeIfAbsent(key, k -> listing(k, t));
        for (int i = 0; i < listing.ids().size(); i++) {
            MetricId id = listing.ids().get(i);
            if (t.byNamespace() ? !listing.snakeNames().get(i).equals(t.snakeMetric()) : !id.name().equals(t.metricName())) {
                continue;
            }
            if (t.namespace() == null && id.namespace().startsWith("AWS/")) {
                continue;
            }
            Labels labels = listing.labels().get(i);
            boolean all = true;
            for (LabelMatcher m : selector.matchers()) {
                if (!m.matches(labels)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                out.add(id.withStat(t.stat()));
            }
        }
        return out;
    }

    private Listing listing(String key, CloudWatchNames.Target t) {
        Instant now = clock.instant();
        Listing l = cache.get(key);
        if (l != null && now.isBefore(l.at().plus(ttl))) {
            return l;
        }
        listCalls.incrementAndGet();
        List<MetricId> ids = t.byNamespace() ? source.list(t.namespace(), null) : source.list(t.namespace(), t.metricName());
        Listing fresh = Listing.of(now, ids);
        if (ids.isEmpty()) {
            cache.remove(key);
        } else {
            cache.put(key, fresh);
        }
        return fresh;
    }

    /** How many listings were requested from the source (not served from the cache). */
    public int listCalls() {
        return listCalls.get();
    }

    /** Forgets every listing. */
    public void clear() {
        cache.clear();
    }
}

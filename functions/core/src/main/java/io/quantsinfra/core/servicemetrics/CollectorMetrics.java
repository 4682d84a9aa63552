package io.quantsinfra.core.servicemetrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The allowlist of a data collector's series that reach CloudWatch, and how each collapses to one value per
 * instance: a collector labels its series (e.g. per {@code pair}), but every label set would be a custom metric
 * ($0.30 a month each), so counters are summed and gauges take the maximum over label sets. Counters keep their
 * raw value, so {@code increase()} and {@code rate()} work on them as on any counter (a reset reads as one).
 * Series not on the list, and non-finite values (CloudWatch refuses NaN and infinities), are dropped.
 *
 * {@snippet :
 * Map<String, Double> v = CollectorMetrics.select(Exposition.parse(page, Exposition.Limits.DEFAULT));
 * // {collector_snapshots_written_total=1532.0, ...}
 * }
 */
public final class CollectorMetrics {

    /** How the label sets of one series collapse. */
    enum Merge { SUM, MAX }

    /** Series published, in the order they are listed in docs/alerting.md. */
    static final Map<String, Merge> ALLOWED;

    static {
        Map<String, Merge> m = new LinkedHashMap<>();
        m.put("collector_snapshots_written_total", Merge.SUM);
        m.put("collector_errors_total", Merge.SUM);
        m.put("collector_reconnects_total", Merge.SUM);
        m.put("collector_lag_seconds", Merge.MAX);
        m.put("collector_last_snapshot_timestamp_seconds", Merge.MAX);
        ALLOWED = java.util.Collections.unmodifiableMap(m);
    }

    private CollectorMetrics() {
    }

    /** The names that may be published. */
    public static List<String> names() {
        return List.copyOf(ALLOWED.keySet());
    }

    /** One value per allowlisted name present in {@code samples}. */
    public static Map<String, Double> select(List<Exposition.Sample> samples) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Exposition.Sample s : samples) {
            Merge merge = ALLOWED.get(s.name());
            if (merge == null || !Double.isFinite(s.value())) {
                continue;
            }
            out.merge(s.name(), s.value(), merge == Merge.SUM ? Double::sum : Math::max);
        }
        return out;
    }
}

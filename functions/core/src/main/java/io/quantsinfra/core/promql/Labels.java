package io.quantsinfra.core.promql;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable label set, sorted by name. The metric name is not a label here: series are matched and
 * alerts are labelled without {@code __name__}, as Prometheus does for alerts and vector matching.
 */
public record Labels(SortedMap<String, String> map) implements Comparable<Labels> {
    public static final Labels EMPTY = new Labels(new TreeMap<>());

    public Labels {
        map = Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    public static Labels of(Map<String, String> m) {
        return m.isEmpty() ? EMPTY : new Labels(new TreeMap<>(m));
    }

    public static Labels of(String... kv) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new Labels(m);
    }

    /** The value of {@code name}, or the empty string (Prometheus: a missing label equals ""). */
    public String get(String name) {
        return map.getOrDefault(name, "");
    }

    /** Only the named labels. */
    public Labels keep(java.util.Collection<String> names) {
        TreeMap<String, String> m = new TreeMap<>();
        for (String n : names) {
            String v = map.get(n);
            if (v != null && !v.isEmpty()) {
                m.put(n, v);
            }
        }
        return new Labels(m);
    }

    /** All but the named labels. */
    public Labels drop(java.util.Collection<String> names) {
        TreeMap<String, String> m = new TreeMap<>(map);
        names.forEach(m::remove);
        return new Labels(m);
    }

    /** These labels with {@code other}'s added (other wins). */
    public Labels with(Map<String, String> other) {
        TreeMap<String, String> m = new TreeMap<>(map);
        m.putAll(other);
        return new Labels(m);
    }

    /** A 64-bit FNV-1a hash of names and values as 16 hex digits: the alert fingerprint. */
    public String fingerprint() {
        long h = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : map.entrySet()) {
            h = fnv(h, e.getKey());
            h = fnv(h, e.getValue());
        }
        return String.format("%016x", h);
    }

    private static long fnv(long h, String s) {
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        h ^= 0xff;
        h *= 0x100000001b3L;
        return h;
    }

    @Override
    public int compareTo(Labels o) {
        return toString().compareTo(o.toString());
    }

    /** {@code {a="1", b="2"}} */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        map.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return b.append('}').toString();
    }
}

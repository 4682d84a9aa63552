package io.quantsinfra.core.monitor;

import io.quantsinfra.core.catalog.schema.ObjectNode;
import io.quantsinfra.core.catalog.schema.Path;
import io.quantsinfra.core.catalog.schema.Schema;
import io.quantsinfra.core.catalog.schema.Values;
import io.quantsinfra.core.error.InvalidInputException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Prometheus scrape job the monitor loads: the seed's
 * {@code add_scrape_target(job_name, targets, labels)}. Always valid: the constructor refuses a bad job
 * name, target ({@code host:port}) or label with the field path ({@code job_name}, {@code targets[1]},
 * {@code labels.layer}). Labels are kept sorted.
 *
 * {@snippet :
 * ScrapeTarget t = new ScrapeTarget("data-collector", List.of("10.0.1.15:9090", "10.0.2.7:9090"),
 *         Map.of("service", "data-collection", "layer", "scanner"));
 * }
 *
 * @param jobName Prometheus {@code job_name}: a letter or {@code _}, then letters, digits, {@code _} or {@code -}
 * @param targets 1 to 1000 distinct {@code host:port} addresses
 * @param labels extra target labels; names follow Prometheus rules and do not start with {@code __}
 */
public record ScrapeTarget(String jobName, List<String> targets, Map<String, String> labels) {
    /** The monitor's own job, which scrapes Prometheus itself; not available to targets. */
    public static final String SELF_JOB = "prometheus";
    static final int MAX_TARGETS = 1000;
    static final int MAX_LABELS = 64;
    static final int MAX_LABEL_VALUE = 1024;

    // The Prometheus label-name rule; '-' is allowed in job names (a label value, and a safe file name),
    // because the seed's own example job is "data-collector".
    private static final Pattern JOB = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_-]{0,63}");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,127}");

    private static final ObjectNode DOCUMENT = Schema.object()
            .required("job_name", Schema.string().maxLength(64))
            .required("targets", Schema.list(Schema.string().maxLength(300), 1, MAX_TARGETS))
            .optional("labels", Schema.map(".*", "a label name", Schema.string().maxLength(MAX_LABEL_VALUE), MAX_LABELS));

    public ScrapeTarget {
        Path root = Path.ROOT;
        if (jobName == null) {
            throw root.key("job_name").invalid("is required");
        }
        if (!JOB.matcher(jobName).matches()) {
            throw root.key("job_name").invalid("expected a letter or _ followed by up to 63 letters, digits, _ or -, "
                    + "like \"data-collector\", got " + Values.show(jobName));
        }
        if (jobName.equals(SELF_JOB)) {
            throw root.key("job_name").invalid("\"" + SELF_JOB + "\" is the monitor's own job; choose another name");
        }
        targets = checkTargets(targets);
        labels = checkLabels(labels == null ? Map.of() : labels);
    }

    private static List<String> checkTargets(List<String> targets) {
        Path path = Path.ROOT.key("targets");
        if (targets == null || targets.isEmpty()) {
            throw path.invalid("must list at least one host:port");
        }
        if (targets.size() > MAX_TARGETS) {
            throw path.invalid("must have at most " + MAX_TARGETS + " entries, got " + targets.size());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            String t = targets.get(i);
            if (t == null) {
                throw path.index(i).invalid("expected host:port, got null");
            }
            TargetAddress.check(t, path.index(i));
            Integer first = seen.putIfAbsent(t, i);
            if (first != null) {
                throw path.index(i).invalid("duplicate of " + path.index(first));
            }
        }
        return List.copyOf(targets);
    }

    private static Map<String, String> checkLabels(Map<String, String> labels) {
        Path path = Path.ROOT.key("labels");
        if (labels.size() > MAX_LABELS) {
            throw path.invalid("must have at most " + MAX_LABELS + " labels, got " + labels.size());
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "label name");
            Path p = path.key(name);
            if (!LABEL.matcher(name).matches()) {
                throw p.invalid("a label name is a letter or _ followed by letters, digits or _ (Prometheus rules)");
            }
            if (name.startsWith("__")) {
                throw p.invalid("label names starting with __ are reserved for Prometheus internals");
            }
            if (name.equals("job")) {
                throw p.invalid("\"job\" is set from job_name; choose another label name");
            }
            if (e.getValue() == null) {
                throw p.invalid("expected a string, got null");
            }
            if (e.getValue().length() > MAX_LABEL_VALUE) {
                throw p.invalid("must be at most " + MAX_LABEL_VALUE + " characters, got " + e.getValue().length());
            }
        }
        return Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /**
     * Parses a document {@code {"job_name": ..., "targets": [...], "labels": {...}}} (the API body), refusing
     * unknown keys and wrong types with the field path.
     */
    @SuppressWarnings("unchecked")
    public static ScrapeTarget fromDocument(Map<String, Object> raw) {
        if (raw == null) {
            throw new InvalidInputException(null, "a scrape target is required: job_name and targets");
        }
        Map<String, Object> v = (Map<String, Object>) DOCUMENT.check(raw, Path.ROOT);
        return new ScrapeTarget((String) v.get("job_name"), (List<String>) v.get("targets"),
                (Map<String, String>) (Map<?, ?>) v.getOrDefault("labels", Map.of()));
    }

    /** The document form, as {@link #fromDocument} reads it. */
    public Map<String, Object> toDocument() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job_name", jobName);
        out.put("targets", targets);
        out.put("labels", labels);
        return Collections.unmodifiableMap(out);
    }
}

package io.quantsinfra.core.evaluation;

import io.quantsinfra.core.promql.Labels;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One alert: a rule and a label set, its state and times. {@code labels} are the alert's full labels
 * (series labels, the rule's labels, {@code alertname}). {@code version} counts stored changes; a store
 * writes version n only over version n-1.
 *
 * @param activeAt when the condition started to hold (pending since)
 * @param firedAt when it started firing, or {@code null}
 * @param resolvedAt when it resolved, or {@code null}
 * @param keepFiringSince when the condition stopped holding while {@code keep_firing_for} keeps it firing
 */
public record Alert(String ruleId, String file, String group, Labels labels, Map<String, String> annotations,
                    AlertState state, double value, Instant activeAt, Instant firedAt, Instant resolvedAt,
                    Instant keepFiringSince, Instant updatedAt, long version) {

    public Alert {
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    public String alertname() {
        return labels.get("alertname");
    }

    public String fingerprint() {
        return labels.fingerprint();
    }

    /** Unique per rule and label set. */
    public String key() {
        return ruleId + ":" + fingerprint();
    }

    /** Whether the visible content (state, times, annotations) differs; the value alone does not count. */
    boolean sameAs(Alert o) {
        return o != null && state == o.state && annotations.equals(o.annotations) && java.util.Objects.equals(activeAt, o.activeAt)
                && java.util.Objects.equals(firedAt, o.firedAt) && java.util.Objects.equals(resolvedAt, o.resolvedAt)
                && java.util.Objects.equals(keepFiringSince, o.keepFiringSince);
    }

    Alert next(AlertState s, double v, Map<String, String> a, Instant active, Instant fired, Instant resolved, Instant keep,
               Instant now) {
        return new Alert(ruleId, file, group, labels, a, s, v, active, fired, resolved, keep, now, version + 1);
    }
}

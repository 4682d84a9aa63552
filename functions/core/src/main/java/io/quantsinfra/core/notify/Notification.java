package io.quantsinfra.core.notify;

import io.quantsinfra.core.promql.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One group notification, as Alertmanager models it: the receiver, whether anything fires, the alerts (firing
 * first, then resolved), the labels that define the group, the labels and annotations every alert shares.
 *
 * @param seq which notification of the group this is (1, 2, ...): the notification log's key
 */
public record Notification(String receiver, String groupKey, long seq, Labels groupLabels, List<Alert> alerts,
                           String externalUrl) {
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    public Notification {
        alerts = List.copyOf(alerts);
    }

    /** One alert in a notification. */
    public record Alert(String status, Labels labels, Map<String, String> annotations, Instant startsAt, Instant endsAt,
                        String fingerprint) {
        public Alert {
            annotations = Map.copyOf(annotations);
        }
    }

    /** {@code firing} if any alert fires, else {@code resolved}. */
    public String status() {
        return alerts.stream().anyMatch(a -> a.status().equals("firing")) ? "firing" : "resolved";
    }

    public List<Alert> firing() {
        return alerts.stream().filter(a -> a.status().equals("firing")).toList();
    }

    /** This notification without its resolved alerts (for endpoints with send_resolved false). */
    public Notification withoutResolved() {
        return new Notification(receiver, groupKey, seq, groupLabels, firing(), externalUrl);
    }

    public Labels commonLabels() {
        if (alerts.isEmpty()) {
            return Labels.EMPTY;
        }
        Map<String, String> common = new TreeMap<>(alerts.getFirst().labels().map());
        for (Alert a : alerts) {
            common.entrySet().removeIf(e -> !e.getValue().equals(a.labels().map().get(e.getKey())));
        }
        return Labels.of(common);
    }

    public Map<String, String> commonAnnotations() {
        if (alerts.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new TreeMap<>(alerts.getFirst().annotations());
        for (Alert a : alerts) {
            common.entrySet().removeIf(e -> !e.getValue().equals(a.annotations().get(e.getKey())));
        }
        return common;
    }

    /** Go template data: {@code .Receiver .Status .Alerts .GroupLabels .CommonLabels .CommonAnnotations .ExternalURL}. */
    public Map<String, Object> templateData() {
        Map<String, Object> d = new HashMap<>();
        d.put("Receiver", receiver);
        d.put("Status", status());
        d.put("GroupLabels", groupLabels.map());
        d.put("CommonLabels", commonLabels().map());
        d.put("CommonAnnotations", commonAnnotations());
        d.put("ExternalURL", externalUrl);
        d.put("GroupKey", groupKey);
        List<Object> list = new ArrayList<>();
        for (Alert a : alerts) {
            Map<String, Object> m = new HashMap<>();
            m.put("Status", a.status());
            m.put("Labels", a.labels().map());
            m.put("Annotations", a.annotations());
            m.put("StartsAt", a.startsAt() == null ? ZERO_TIME : a.startsAt().toString());
            m.put("EndsAt", a.endsAt() == null ? ZERO_TIME : a.endsAt().toString());
            m.put("GeneratorURL", "");
            m.put("Fingerprint", a.fingerprint());
            list.add(m);
        }
        d.put("Alerts", list);
        return d;
    }

    /** Alertmanager's webhook body, version 4; at most {@code maxAlerts} alerts when it is above 0. */
    public Map<String, Object> webhookPayload(int maxAlerts) {
        List<Alert> shown = maxAlerts > 0 && alerts.size() > maxAlerts ? alerts.subList(0, maxAlerts) : alerts;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("version", "4");
        d.put("groupKey", groupKey);
        d.put("truncatedAlerts", alerts.size() - shown.size());
        d.put("status", status());
        d.put("receiver", receiver);
        d.put("groupLabels", groupLabels.map());
        d.put("commonLabels", commonLabels().map());
        d.put("commonAnnotations", commonAnnotations());
        d.put("externalURL", externalUrl);
        List<Object> list = new ArrayList<>();
        for (Alert a : shown) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", a.status());
            m.put("labels", a.labels().map());
            m.put("annotations", new TreeMap<>(a.annotations()));
            m.put("startsAt", a.startsAt() == null ? ZERO_TIME : a.startsAt().toString());
            m.put("endsAt", a.endsAt() == null ? ZERO_TIME : a.endsAt().toString());
            m.put("generatorURL", "");
            m.put("fingerprint", a.fingerprint());
            list.add(m);
        }
        d.put("alerts", list);
        return d;
    }
}

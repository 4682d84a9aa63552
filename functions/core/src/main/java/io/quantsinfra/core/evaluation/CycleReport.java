package io.quantsinfra.core.evaluation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one evaluation cycle did. {@code skipped} names why nothing was evaluated (another run holds the lease),
 * else {@code null}. {@code deadline} is when the cycle had to end; {@code delivery.left()} what it left for the next.
 */
public record CycleReport(Instant at, String skipped, int groups, int rules, int series, int getMetricDataRequests,
                          int listMetricsCalls, int firing, int pending, int resolved, List<String> transitions,
                          int conflicts, AlertSink.Delivery delivery, List<String> errors, long millis, Instant deadline,
                          int prometheusQueries) {

    public CycleReport {
        transitions = List.copyOf(transitions);
        errors = List.copyOf(errors);
    }

    /** A cycle that asked the monitor's Prometheus nothing. */
    public CycleReport(Instant at, String skipped, int groups, int rules, int series, int getMetricDataRequests,
                       int listMetricsCalls, int firing, int pending, int resolved, List<String> transitions,
                       int conflicts, AlertSink.Delivery delivery, List<String> errors, long millis, Instant deadline) {
        this(at, skipped, groups, rules, series, getMetricDataRequests, listMetricsCalls, firing, pending, resolved,
                transitions, conflicts, delivery, errors, millis, deadline, 0);
    }

    /** At most this many transitions are listed in the document (a Lambda log line has a size limit). */
    static final int MAX_LISTED = 200;

    private static List<String> capped(List<String> l) {
        List<String> out = new java.util.ArrayList<>(l.subList(0, MAX_LISTED));
        out.add("… and " + (l.size() - MAX_LISTED) + " more");
        return out;
    }

    static CycleReport skipped(Instant at, String reason) {
        return new CycleReport(at, reason, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), 0, AlertSink.Delivery.NONE, List.of(), 0, null);
    }

    /** The transitions as documents list them: at most {@link #MAX_LISTED}, then how many more. */
    public List<String> listedTransitions() {
        return transitions.size() <= MAX_LISTED ? transitions : capped(transitions);
    }

    /** As a JSON-ready document. */
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("at", at.toString());
        d.put("skipped", skipped);
        d.put("groups", groups);
        d.put("rules", rules);
        d.put("series", series);
        d.put("getMetricDataRequests", getMetricDataRequests);
        d.put("listMetricsCalls", listMetricsCalls);
        d.put("prometheusQueries", prometheusQueries);
        d.put("firing", firing);
        d.put("pending", pending);
        d.put("resolved", resolved);
        d.put("transitions", listedTransitions());
        d.put("conflicts", conflicts);
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("sent", delivery.sent());
        n.put("failed", delivery.failed());
        n.put("muted", delivery.muted());
        n.put("notices", delivery.notices());
        n.put("errors", delivery.errors());
        n.put("left", delivery.left());
        d.put("notifications", n);
        d.put("errors", errors);
        d.put("millis", millis);
        d.put("deadline", deadline == null ? null : deadline.toString());
        return d;
    }
}

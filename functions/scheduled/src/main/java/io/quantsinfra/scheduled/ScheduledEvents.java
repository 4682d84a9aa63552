package io.quantsinfra.scheduled;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Reads what the handlers use of an EventBridge scheduled event: its {@code time} and rule ({@code resources[0]}). */
final class ScheduledEvents {
    private ScheduledEvents() {}

    /** The event's {@code time}, or null when the input is not a scheduled event (a manual invoke). */
    static Instant time(Map<String, Object> event) {
        Object t = event == null ? null : event.get("time");
        if (t instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    static String rule(Map<String, Object> event) {
        Object r = event == null ? null : event.get("resources");
        return r instanceof java.util.List<?> l && !l.isEmpty() ? String.valueOf(l.getFirst()) : "manual";
    }

    /** {@code "force": true} in the input evaluates every group now (a manual run). */
    static boolean force(Map<String, Object> event) {
        return event != null && Boolean.TRUE.equals(event.get("force"));
    }
}

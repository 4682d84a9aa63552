package io.quantsinfra.core.alerting;

import java.util.List;
import java.util.Map;

/**
 * One alert as {@code GET /v1/alerts} lists it: its state ({@code pending}, {@code firing}, {@code resolved}), labels,
 * annotations, last value ({@code null} when not finite), times as ISO-8601 ({@code null} when not reached), the
 * rule ({@code file/group}), and what mutes it (silence ids; inhibited by a firing alert).
 */
public record AlertView(String alertname, String state, Map<String, String> labels, Map<String, String> annotations,
                        Double value, String activeAt, String firedAt, String resolvedAt, String rule,
                        String fingerprint, List<String> silencedBy, boolean inhibited) {}

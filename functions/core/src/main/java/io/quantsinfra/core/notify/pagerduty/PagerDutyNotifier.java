package io.quantsinfra.core.notify.pagerduty;

import io.quantsinfra.core.json.Json;
import io.quantsinfra.core.notify.Attempt;
import io.quantsinfra.core.notify.HttpPost;
import io.quantsinfra.core.notify.Notification;
import io.quantsinfra.core.notify.Notifier;
import io.quantsinfra.core.notify.Templates;
import io.quantsinfra.core.routing.Integration;
import io.quantsinfra.core.routing.SecretValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * PagerDuty Events API v2: {@code trigger} while anything fires, {@code resolve} when all resolved, with the
 * dedup key SHA-256 of the group key, so one group is one incident and a repeated send is absorbed.
 */
public final class PagerDutyNotifier implements Notifier {
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private final HttpPost http;
    private final SecretValues secrets;

    public PagerDutyNotifier(HttpPost http, SecretValues secrets) {
        this.http = http;
        this.secrets = secrets;
    }

    @Override
    public String type() {
        return "pagerduty";
    }

    /** The dedup key of a group. */
    public static String dedupKey(String groupKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(groupKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Attempt send(Integration endpoint, Notification n) {
        Integration.PagerDuty p = (Integration.PagerDuty) endpoint;
        boolean firing = n.status().equals("firing");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", secrets.text(p.routingKey()));
        body.put("event_action", firing ? "trigger" : "resolve");
        body.put("dedup_key", dedupKey(n.groupKey()));
        if (firing) {
            String summary = Templates.render(p.description(), n);
            String severity = Templates.render(p.severity(), n).strip().toLowerCase(java.util.Locale.ROOT);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("firing", Templates.render(io.quantsinfra.core.routing.DefaultTemplates.TEXT, n.withoutResolved()));
            details.put("num_firing", n.firing().size());
            details.put("num_resolved", n.alerts().size() - n.firing().size());
            p.details().forEach((k, v) -> details.put(k, Templates.render(v, n)));
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1023) + "…" : summary);
            payload.put("source", p.client());
            payload.put("severity", SEVERITIES.contains(severity) ? severity : "error");
            payload.put("custom_details", details);
            body.put("payload", payload);
            body.put("client", p.client());
            if (!p.clientUrl().isEmpty()) {
                body.put("client_url", p.clientUrl());
            }
        }
        return http.json(p.url(), Json.write(body), Map.of());
    }
}

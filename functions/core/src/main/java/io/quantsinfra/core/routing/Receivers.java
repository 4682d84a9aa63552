package io.quantsinfra.core.routing;

import io.quantsinfra.core.template.GoTemplate;
import io.quantsinfra.core.template.TemplateException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses {@code receivers}: five integrations, their defaults as Alertmanager's, and the delivery extension. */
final class Receivers {
    record Globals(String smtpFrom, Credential slackApiUrl, String telegramApiUrl, String pagerdutyUrl) {}

    private static final Set<String> COMMON = Set.of("send_resolved", "name", "priority", "rate_limit_per_minute");
    private static final Set<String> RECEIVER = Set.of("name", "webhook_configs", "slack_configs", "telegram_configs",
            "pagerduty_configs", "email_configs", "delivery");
    private static final Set<String> UNSUPPORTED = Set.of("opsgenie_configs", "victorops_configs", "pushover_configs",
            "sns_configs", "wechat_configs", "discord_configs", "webex_configs", "msteams_configs", "msteamsv2_configs",
            "jira_configs", "rocketchat_configs");
    private static final Set<String> DELIVERY = Set.of("strategy", "backoff", "max_attempts");
    /** The longest address SMTP carries (RFC 5321's path limit). */
    private static final int MAX_ADDRESS = 254;

    private Receivers() {}

    static Map<String, Receiver> parse(Fields f, Object value, Globals g, List<String> warnings) {
        Map<String, Receiver> out = new LinkedHashMap<>();
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            f.problem("receivers", "receivers is required: a list with at least one receiver");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "receivers[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                f.problem(at, "must be a map with a name");
                continue;
            }
            String name = f.string(at + ".name", m.get("name"), null, true);
            receiverKeys(f, at, m);
            List<Integration> integrations = integrations(f, at, m, g, warnings);
            Delivery delivery = delivery(f, at, m.get("delivery"), integrations.size());
            if (name != null) {
                if (out.containsKey(name)) {
                    f.problem(at + ".name", "receiver '" + name + "' is defined twice");
                }
                out.put(name, new Receiver(name, integrations, delivery.strategy(), delivery.backoff(), delivery.maxAttempts()));
            }
        }
        return out;
    }

    private static void receiverKeys(Fields f, String at, Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (UNSUPPORTED.contains(String.valueOf(k))) {
                f.problem(at + "." + k, k + " is not supported; receivers here support webhook_configs, slack_configs, "
                        + "telegram_configs, pagerduty_configs and email_configs");
            } else if (!RECEIVER.contains(String.valueOf(k))) {
                f.problem(at + "." + k, "unknown key '" + k + "' in a receiver");
            }
        }
    }

    /** A receiver's endpoints over all five integrations, each named uniquely: stats and failover go by the name. */
    private static List<Integration> integrations(Fields f, String at, Map<?, ?> m, Globals g, List<String> warnings) {
        List<Integration> integrations = new ArrayList<>();
        integrations.addAll(list(f, at, m, "webhook_configs", (a, c, n) -> webhook(f, a, c, n)));
        integrations.addAll(list(f, at, m, "slack_configs", (a, c, n) -> slack(f, a, c, n, g)));
        integrations.addAll(list(f, at, m, "telegram_configs", (a, c, n) -> telegram(f, a, c, n, g)));
        integrations.addAll(list(f, at, m, "pagerduty_configs", (a, c, n) -> pagerduty(f, a, c, n, g)));
        integrations.addAll(list(f, at, m, "email_configs", (a, c, n) -> email(f, a, c, n, g, warnings)));
        Set<String> names = new HashSet<>();
        for (Integration x : integrations) {
            if (!names.add(x.name())) {
                f.problem(at, "two endpoints are named '" + x.name() + "'; give each a unique name");
            }
        }
        return integrations;
    }

    /** How a receiver delivers over its endpoints. */
    private record Delivery(Receiver.Strategy strategy, Duration backoff, int maxAttempts) {}

    /**
     * The {@code delivery} extension. Without it a receiver sends to all its endpoints, as Alertmanager does; with it,
     * to one at a time by {@code strategy} (priority by default), failing over with backoff. The backoff is capped
     * so a notification goes out within one evaluation cycle.
     */
    private static Delivery delivery(Fields f, String at, Object value, int endpoints) {
        Receiver.Strategy strategy = Receiver.Strategy.ALL;
        Duration backoff = Duration.ofMillis(500);
        int maxAttempts = Math.min(6, Math.max(1, endpoints * 2));
        if (value == null) {
            return new Delivery(strategy, backoff, maxAttempts);
        }
        if (!(value instanceof Map<?, ?> d)) {
            f.problem(at + ".delivery", "must be a map with strategy, backoff, max_attempts");
            return new Delivery(strategy, backoff, maxAttempts);
        }
        f.keys(at + ".delivery", d, DELIVERY, "delivery");
        try {
            strategy = Receiver.Strategy.fromValue(f.string(at + ".delivery.strategy", d.get("strategy"), "priority", false));
            if (strategy == Receiver.Strategy.ALL) {
                throw new IllegalArgumentException("must be one of priority, least_latency, round_robin, random");
            }
        } catch (IllegalArgumentException e) {
            f.problem(at + ".delivery.strategy", e.getMessage());
        }
        backoff = f.duration(at + ".delivery.backoff", d.get("backoff"), backoff);
        if (backoff.compareTo(Duration.ofSeconds(10)) > 0) {
            f.problem(at + ".delivery.backoff", "at most 10s: a notification must go out within one evaluation");
        }
        maxAttempts = f.integer(at + ".delivery.max_attempts", d.get("max_attempts"), maxAttempts, 1, 10);
        return new Delivery(strategy, backoff, maxAttempts);
    }

    private interface Maker {
        Integration make(String at, Map<?, ?> config, String defaultName);
    }

    private static List<Integration> list(Fields f, String at, Map<?, ?> m, String key, Maker maker) {
        List<Integration> out = new ArrayList<>();
        Object v = m.get(key);
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> l)) {
            f.problem(at + "." + key, "must be a list");
            return out;
        }
        for (int i = 0; i < l.size(); i++) {
            String a = at + "." + key + "[" + i + "]";
            if (!(l.get(i) instanceof Map<?, ?> c)) {
                f.problem(a, "must be a map");
                continue;
            }
            for (Object k : c.keySet()) {
                if (String.valueOf(k).endsWith("_file")) {
                    f.problem(a + "." + k, k + ": files are not available to a Lambda; give the value as a secret reference "
                            + "{secretRef: NAME, jsonKey: KEY}");
                }
            }
            Integration x = maker.make(a, c, key.replace("_configs", "") + "-" + i);
            if (x != null) {
                out.add(x);
            }
        }
        return out;
    }

    private static Set<String> allowed(String... keys) {
        Set<String> s = new HashSet<>(COMMON);
        s.addAll(List.of(keys));
        return s;
    }

    private static String name(Fields f, String at, Map<?, ?> c, String dflt) {
        String n = f.string(at + ".name", c.get("name"), dflt, false);
        if (n != null && !n.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            f.problem(at + ".name", "an endpoint name is 1-64 letters, digits, '.', '_' or '-'");
        }
        return n;
    }

    private static int priority(Fields f, String at, Map<?, ?> c) {
        return f.integer(at + ".priority", c.get("priority"), 1, 0, 1000);
    }

    private static int rate(Fields f, String at, Map<?, ?> c) {
        return f.integer(at + ".rate_limit_per_minute", c.get("rate_limit_per_minute"), 0, 0, 100_000);
    }

    private static String template(Fields f, String at, Object v, String dflt) {
        String s = f.string(at, v, dflt, false);
        if (s == null) {
            return null;
        }
        try {
            GoTemplate.compile(s, Set.of());
        } catch (TemplateException e) {
            f.problem(at, "template: " + e.getMessage());
        }
        return s;
    }

    private static void url(Fields f, String at, Credential c) {
        if (c == null || c.isSecret()) {
            return;
        }
        if (plainToken(f, at, c.literal())) {
            return;
        }
        try {
            URI u = URI.create(c.literal());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                f.problem(at, "must be an http(s) URL, got '" + c.literal() + "'");
            }
        } catch (IllegalArgumentException e) {
            f.problem(at, "must be an http(s) URL, got '" + c.literal() + "'");
        }
    }

    /** Refuses a literal that carries a credential, with the command to store it as an alerting secret. */
    private static boolean plainToken(Fields f, String at, String literal) {
        java.util.Optional<String> why = LiteralTokens.find(literal);
        if (why.isEmpty()) {
            return false;
        }
        String key = at.substring(at.lastIndexOf('.') + 1);
        String type = at.matches(".*\\.([a-z]+)_configs\\[\\d+].*") ? at.replaceAll(".*\\.([a-z]+)_configs\\[\\d+].*", "$1") : "global";
        String name = io.quantsinfra.core.secret.AlertingSecrets.PREFIX + type;
        f.problem(at, "is written in plain text, and " + why.get() + "; store it as a secret with '"
                + io.quantsinfra.core.secret.AlertingSecrets.putCommand(name) + "' (FILE holding {\"" + key
                + "\": \"…\"}) and write {secretRef: " + name + ", jsonKey: " + key + "}");
        return true;
    }

    private static Integration webhook(Fields f, String at, Map<?, ?> c, String dflt) {
        f.keys(at, c, allowed("url", "max_alerts", "timeout", "http_config"), "a webhook config");
        Credential url = f.credential(at + ".url", c.get("url"), true, true);
        url(f, at + ".url", url);
        return new Integration.Webhook(name(f, at, c, dflt), f.bool(at + ".send_resolved", c.get("send_resolved"), true),
                priority(f, at, c), rate(f, at, c), url, f.integer(at + ".max_alerts", c.get("max_alerts"), 0, 0, 10_000));
    }

    private static Integration slack(Fields f, String at, Map<?, ?> c, String dflt, Globals g) {
        f.keys(at, c, allowed("api_url", "channel", "username", "title", "text", "color", "icon_emoji", "icon_url",
                "title_link", "footer", "fallback", "pretext", "http_config"), "a slack config");
        Credential api = c.get("api_url") != null ? f.credential(at + ".api_url", c.get("api_url"), true, false) : g.slackApiUrl();
        if (api == null && c.get("api_url") == null) {
            f.problem(at + ".api_url", "is required (or global.slack_api_url), as a secret reference {secretRef: NAME, jsonKey: KEY}");
        }
        return new Integration.Slack(name(f, at, c, dflt), f.bool(at + ".send_resolved", c.get("send_resolved"), false),
                priority(f, at, c), rate(f, at, c), api, f.string(at + ".channel", c.get("channel"), null, false),
                f.string(at + ".username", c.get("username"), "quants-infra", false),
                template(f, at + ".title", c.get("title"), DefaultTemplates.TITLE),
                template(f, at + ".text", c.get("text"), DefaultTemplates.TEXT),
                template(f, at + ".color", c.get("color"), "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}"));
    }

    private static Integration telegram(Fields f, String at, Map<?, ?> c, String dflt, Globals g) {
        f.keys(at, c, allowed("api_url", "bot_token", "chat_id", "message", "parse_mode", "disable_notifications",
                "message_thread_id", "http_config"), "a telegram config");
        String api = f.string(at + ".api_url", c.get("api_url"), g.telegramApiUrl(), false);
        url(f, at + ".api_url", api == null ? null : Credential.of(api));
        Credential chat = f.credential(at + ".chat_id", c.get("chat_id"), true, true);
        if (chat != null && !chat.isSecret() && !chat.literal().matches("-?\\d{1,20}|@[A-Za-z0-9_]{5,32}")) {
            f.problem(at + ".chat_id", "must be a numeric chat id or @channelname, got '" + chat.literal() + "'");
        }
        String mode = f.string(at + ".parse_mode", c.get("parse_mode"), "HTML", false);
        if (mode != null && !List.of("HTML", "Markdown", "MarkdownV2", "").contains(mode)) {
            f.problem(at + ".parse_mode", "must be HTML, Markdown or MarkdownV2");
        }
        return new Integration.Telegram(name(f, at, c, dflt), f.bool(at + ".send_resolved", c.get("send_resolved"), true),
                priority(f, at, c), rate(f, at, c), api, f.credential(at + ".bot_token", c.get("bot_token"), true, false), chat,
                template(f, at + ".message", c.get("message"), DefaultTemplates.TELEGRAM), mode,
                f.bool(at + ".disable_notifications", c.get("disable_notifications"), false));
    }

    private static Integration pagerduty(Fields f, String at, Map<?, ?> c, String dflt, Globals g) {
        f.keys(at, c, allowed("routing_key", "service_key", "url", "client", "client_url", "description", "severity",
                "class", "component", "group", "details", "http_config"), "a pagerduty config");
        Credential key = null;
        if (c.get("routing_key") != null) {
            key = f.credential(at + ".routing_key", c.get("routing_key"), true, false);
        } else if (c.get("service_key") != null) {
            key = f.credential(at + ".service_key", c.get("service_key"), true, false);
        } else {
            f.problem(at + ".routing_key", "routing_key (Events API v2) is required, as a secret reference {secretRef: NAME, jsonKey: KEY}");
        }
        String url = f.string(at + ".url", c.get("url"), g.pagerdutyUrl(), false);
        url(f, at + ".url", url == null ? null : Credential.of(url));
        Map<String, String> details = new LinkedHashMap<>();
        if (c.get("details") instanceof Map<?, ?> d) {
            d.forEach((k, v) -> details.put(String.valueOf(k), template(f, at + ".details." + k, v, "")));
        } else if (c.get("details") != null) {
            f.problem(at + ".details", "must be a map of names to templates");
        }
        return new Integration.PagerDuty(name(f, at, c, dflt), f.bool(at + ".send_resolved", c.get("send_resolved"), true),
                priority(f, at, c), rate(f, at, c), url, key,
                template(f, at + ".description", c.get("description"), DefaultTemplates.TITLE),
                template(f, at + ".severity", c.get("severity"), DefaultTemplates.PAGERDUTY_SEVERITY),
                f.string(at + ".client", c.get("client"), "quants-infra", false),
                clientUrl(f, at, c), details);
    }

    private static String clientUrl(Fields f, String at, Map<?, ?> c) {
        String u = f.string(at + ".client_url", c.get("client_url"), "", false);
        return u == null || plainToken(f, at + ".client_url", u) ? "" : u;
    }

    /**
     * Alertmanager's SMTP settings, accepted so its configs load unchanged but unused (email goes through SES): each
     * is warned about, and a credential among them is still checked as a secret reference, so a literal one is
     * refused rather than stored.
     */
    static void unusedSmtp(Fields f, String prefix, Map<?, ?> m, List<String> plain, List<String> credentials,
                           List<String> warnings) {
        for (String k : plain) {
            if (m.containsKey(k)) {
                warnings.add(prefix + k + " is accepted and not used: email goes through SES");
            }
        }
        for (String k : credentials) {
            if (m.containsKey(k)) {
                f.credential(prefix + k, m.get(k), false, false);
                warnings.add(prefix + k + " is accepted and not used: email goes through SES");
            }
        }
    }

    /** {@code to}: comma-separated addresses, each checked. */
    private static List<String> addresses(Fields f, String at, String toText) {
        List<String> to = new ArrayList<>();
        if (toText != null) {
            for (String a : toText.split(",")) {
                String s = a.strip();
                // At most 254 characters (RFC 5321) before the pattern: on a long run of dots it backtracks quadratically.
                if (s.length() > MAX_ADDRESS || !s.matches("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+")) {
                    f.problem(at, "'" + (s.length() > 64 ? s.substring(0, 64) + "…" : s) + "' is not an email address"
                            + (s.length() > MAX_ADDRESS ? " (longer than " + MAX_ADDRESS + " characters)" : ""));
                }
                to.add(s);
            }
        }
        return to;
    }

    /** The {@code Subject} header's template, or {@code null}; SES sets every other header, so they are warned about. */
    private static String subject(Fields f, String at, Object headers, List<String> warnings) {
        String subject = null;
        if (headers instanceof Map<?, ?> h) {
            for (Map.Entry<?, ?> e : h.entrySet()) {
                if (String.valueOf(e.getKey()).equalsIgnoreCase("subject")) {
                    subject = template(f, at + ".headers.Subject", e.getValue(), null);
                } else {
                    warnings.add(at + ".headers." + e.getKey() + " is not sent: SES sets the headers");
                }
            }
        } else if (headers != null) {
            f.problem(at + ".headers", "must be a map");
        }
        return subject;
    }

    private static Integration email(Fields f, String at, Map<?, ?> c, String dflt, Globals g, List<String> warnings) {
        f.keys(at, c, allowed("to", "from", "smarthost", "auth_username", "auth_password", "auth_identity", "auth_secret",
                "require_tls", "hello", "headers", "html", "text", "tls_config"), "an email config");
        unusedSmtp(f, at + ".", c, List.of("smarthost", "auth_username", "auth_identity", "require_tls", "hello", "tls_config"),
                List.of("auth_password", "auth_secret"), warnings);
        List<String> to = addresses(f, at + ".to", f.string(at + ".to", c.get("to"), null, true));
        String from = f.string(at + ".from", c.get("from"), g.smtpFrom(), false);
        if (from == null) {
            f.problem(at + ".from", "is required (or global.smtp_from): the SES-verified sender");
        }
        String subject = subject(f, at, c.get("headers"), warnings);
        return new Integration.Email(name(f, at, c, dflt), f.bool(at + ".send_resolved", c.get("send_resolved"), false),
                priority(f, at, c), rate(f, at, c), to, from, subject == null ? DefaultTemplates.TITLE : subject,
                template(f, at + ".text", c.get("text"), DefaultTemplates.EMAIL_TEXT),
                c.get("html") == null ? null : template(f, at + ".html", c.get("html"), null));
    }
}

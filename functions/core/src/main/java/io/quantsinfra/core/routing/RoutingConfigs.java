package io.quantsinfra.core.routing;

import io.quantsinfra.core.document.DocumentLimits;
import io.quantsinfra.core.promql.LabelMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates an Alertmanager-shaped config document (parsed from YAML at the edge) into a {@link RoutingConfig}.
 * Every problem is collected with its path; receivers a route names must exist; the root route matches all.
 *
 * {@snippet :
 * RoutingConfig c = RoutingConfigs.parse(document);
 * List<Route> routes = c.route().match(alertLabels);
 * }
 */
public final class RoutingConfigs {
    static final Duration GROUP_WAIT = Duration.ofSeconds(30);
    static final Duration GROUP_INTERVAL = Duration.ofMinutes(5);
    static final Duration REPEAT_INTERVAL = Duration.ofHours(4);
    /**
     * The deepest routing tree, counting the root as level 1. Alertmanager sets none; real trees are two or three
     * levels, and each level is two levels of nesting in the stored document ({@link DocumentLimits#MAX_DEPTH}).
     */
    public static final int MAX_ROUTE_DEPTH = 10;

    private static final com.google.re2j.Pattern LABEL_NAME = com.google.re2j.Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TOP = Set.of("global", "route", "receivers", "inhibit_rules", "templates");
    private static final Set<String> GLOBAL = Set.of("resolve_timeout", "smtp_from", "smtp_smarthost", "smtp_hello",
            "smtp_auth_username", "smtp_auth_password", "smtp_auth_identity", "smtp_auth_secret", "smtp_require_tls",
            "slack_api_url", "telegram_api_url", "pagerduty_url");
    private static final Set<String> ROUTE = Set.of("receiver", "group_by", "continue", "matchers", "match", "match_re",
            "group_wait", "group_interval", "repeat_interval", "routes");
    private static final Set<String> INHIBIT = Set.of("source_matchers", "target_matchers", "source_match", "target_match",
            "source_match_re", "target_match_re", "equal");

    private RoutingConfigs() {}

    /** The config in {@code doc}; InvalidInputException listing every problem otherwise. */
    public static RoutingConfig parse(Map<String, Object> doc) {
        Fields f = new Fields();
        List<String> warnings = new ArrayList<>();
        if (doc == null || doc.isEmpty()) {
            f.problem("route", "the config is empty; it needs route and receivers");
            f.throwIfAny();
        }
        DocumentLimits.problem(doc, "the routing config").ifPresent(p -> f.problem("document", p));
        f.keys("", doc, TOP, "the config");
        if (doc.get("templates") instanceof List<?> l && !l.isEmpty()) {
            f.problem("templates", "template files are not supported; write templates inline in the receivers");
        }
        Map<?, ?> global = doc.get("global") instanceof Map<?, ?> g ? g : Map.of();
        if (doc.get("global") != null && !(doc.get("global") instanceof Map<?, ?>)) {
            f.problem("global", "must be a map");
        }
        f.keys("global", global, GLOBAL, "global");
        Duration resolveTimeout = f.duration("global.resolve_timeout", global.get("resolve_timeout"), Duration.ofMinutes(5));
        Map<String, Receiver> receivers = Receivers.parse(f, doc.get("receivers"), globals(f, global, warnings), warnings);
        Route route = rootRoute(f, doc.get("route"), receivers);
        List<InhibitRule> inhibit = inhibitRules(f, doc.get("inhibit_rules"));
        f.throwIfAny();
        return new RoutingConfig(resolveTimeout, route, receivers, inhibit, warnings);
    }

    /** The {@code global} defaults receivers inherit; the SMTP ones are accepted and unused ({@link Receivers#unusedSmtp}). */
    private static Receivers.Globals globals(Fields f, Map<?, ?> global, List<String> warnings) {
        Receivers.unusedSmtp(f, "global.", global,
                List.of("smtp_smarthost", "smtp_auth_username", "smtp_auth_identity", "smtp_hello", "smtp_require_tls"),
                List.of("smtp_auth_password", "smtp_auth_secret"), warnings);
        return new Receivers.Globals(
                f.string("global.smtp_from", global.get("smtp_from"), null, false),
                f.credential("global.slack_api_url", global.get("slack_api_url"), false, false),
                f.string("global.telegram_api_url", global.get("telegram_api_url"), "https://api.telegram.org", false),
                f.string("global.pagerduty_url", global.get("pagerduty_url"), "https://events.pagerduty.com/v2/enqueue", false));
    }

    /** The root route: required, with a receiver, and no matchers since every alert enters the tree there. */
    private static Route rootRoute(Fields f, Object value, Map<String, Receiver> receivers) {
        if (!(value instanceof Map<?, ?> r)) {
            f.problem("route", value == null ? "route is required: the root of the routing tree" : "route must be a map");
            return null;
        }
        if (r.containsKey("matchers") || r.containsKey("match") || r.containsKey("match_re")) {
            f.problem("route.matchers", "the root route matches every alert; it cannot have matchers");
        }
        if (r.get("receiver") == null) {
            f.problem("route.receiver", "the root route needs a receiver");
        }
        return route(f, "route", r, null, "{}", receivers, 1);
    }

    private static List<InhibitRule> inhibitRules(Fields f, Object ir) {
        List<InhibitRule> inhibit = new ArrayList<>();
        if (ir != null && !(ir instanceof List<?>)) {
            f.problem("inhibit_rules", "must be a list");
            return inhibit;
        }
        List<?> list = ir == null ? List.of() : (List<?>) ir;
        for (int i = 0; i < list.size(); i++) {
            String at = "inhibit_rules[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                f.problem(at, "must be a map with source_matchers, target_matchers and equal");
                continue;
            }
            f.keys(at, m, INHIBIT, "an inhibit rule");
            List<LabelMatcher> source = matchers(f, at, m, "source_");
            List<LabelMatcher> target = matchers(f, at, m, "target_");
            if (source.isEmpty() || target.isEmpty()) {
                f.problem(at, "an inhibit rule needs source_matchers and target_matchers; without them it would mute everything");
            }
            inhibit.add(new InhibitRule(source, target, f.strings(at + ".equal", m.get("equal"))));
        }
        return inhibit;
    }

    private static Route route(Fields f, String at, Map<?, ?> m, Route parent, String id, Map<String, Receiver> receivers,
                               int depth) {
        f.keys(at, m, ROUTE, "a route");
        String receiver = f.string(at + ".receiver", m.get("receiver"), parent == null ? null : parent.receiver(), false);
        if (receiver != null && !receivers.containsKey(receiver) && m.get("receiver") != null) {
            f.problem(at + ".receiver", "receiver '" + receiver + "' is not defined in receivers");
        }
        List<LabelMatcher> matchers = matchers(f, at, m, "");
        GroupBy groupBy = groupBy(f, at, m.get("group_by"), parent);
        Duration wait = f.duration(at + ".group_wait", m.get("group_wait"), parent == null ? GROUP_WAIT : parent.groupWait());
        Duration interval = f.duration(at + ".group_interval", m.get("group_interval"),
                parent == null ? GROUP_INTERVAL : parent.groupInterval());
        Duration repeat = f.duration(at + ".repeat_interval", m.get("repeat_interval"),
                parent == null ? REPEAT_INTERVAL : parent.repeatInterval());
        if (interval.isZero() || interval.isNegative()) {
            f.problem(at + ".group_interval", "must be greater than zero");
        }
        if (repeat.isZero() || repeat.isNegative()) {
            f.problem(at + ".repeat_interval", "must be greater than zero");
        }
        boolean cont = f.bool(at + ".continue", m.get("continue"), false);
        if (parent == null && cont) {
            f.problem(at + ".continue", "the root route cannot have continue");
        }
        Route self = new Route(id, receiver, matchers, groupBy.labels(), groupBy.all(), wait, interval, repeat, cont, List.of());
        List<Route> children = children(f, at, m.get("routes"), self, id, receivers, depth);
        return new Route(id, receiver, matchers, groupBy.labels(), groupBy.all(), wait, interval, repeat, cont, children);
    }

    /** A route's {@code group_by}: inherited when absent; {@code ...} alone means every label. */
    private record GroupBy(List<String> labels, boolean all) {}

    private static GroupBy groupBy(Fields f, String at, Object value, Route parent) {
        if (value == null) {
            return parent == null ? new GroupBy(List.of(), false) : new GroupBy(parent.groupBy(), parent.groupByAll());
        }
        List<String> groupBy = f.strings(at + ".group_by", value);
        boolean all = groupBy.contains("...");
        if (all && groupBy.size() > 1) {
            f.problem(at + ".group_by", "'...' groups by every label and cannot be combined with other labels");
        }
        groupBy.stream().filter(l -> !l.equals("...") && !LABEL_NAME.matcher(l).matches()).forEach(l ->
                f.problem(at + ".group_by", "'" + l + "' is not a label name (letters, digits and '_', not starting with a digit)"));
        if (new HashSet<>(groupBy).size() != groupBy.size()) {
            f.problem(at + ".group_by", "lists a label twice");
        }
        return new GroupBy(all ? List.of() : groupBy, all);
    }

    /**
     * The child routes, at most {@link #MAX_ROUTE_DEPTH} levels deep. A child's id is its parent's, its matchers and
     * its position: the dispatcher keys alert groups (and the notification log their state) by it.
     */
    private static List<Route> children(Fields f, String at, Object rs, Route self, String id, Map<String, Receiver> receivers,
                                        int depth) {
        List<Route> children = new ArrayList<>();
        if (rs != null && !(rs instanceof List<?>)) {
            f.problem(at + ".routes", "must be a list of routes");
        } else if (rs != null && depth >= MAX_ROUTE_DEPTH && !((List<?>) rs).isEmpty()) {
            f.problem(at + ".routes", "the routing tree is deeper than " + MAX_ROUTE_DEPTH + " levels; the limit is "
                    + MAX_ROUTE_DEPTH + " levels of routes");
        } else if (rs != null) {
            List<?> list = (List<?>) rs;
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> child)) {
                    f.problem(at + ".routes[" + i + "]", "must be a map");
                    continue;
                }
                String childId = id + "/" + matcherText(child) + "/" + i;
                children.add(route(f, at + ".routes[" + i + "]", child, self, childId, receivers, depth + 1));
            }
        }
        return children;
    }

    private static String matcherText(Map<?, ?> m) {
        List<String> parts = new ArrayList<>();
        if (m.get("matchers") instanceof List<?> l) {
            l.forEach(x -> parts.add(String.valueOf(x)));
        }
        if (m.get("match") instanceof Map<?, ?> mm) {
            mm.forEach((k, v) -> parts.add(k + "=\"" + v + "\""));
        }
        if (m.get("match_re") instanceof Map<?, ?> mm) {
            mm.forEach((k, v) -> parts.add(k + "=~\"" + v + "\""));
        }
        return "{" + String.join(",", parts) + "}";
    }

    /**
     * A route's {@code match_re} matcher as Alertmanager keeps it: its value anchored as {@code ^(?:re)$}, which is
     * what {@code amtool config routes show} prints. The compiled regex is the one of the value as written (anchoring
     * twice matches the same strings), so limits and error messages stay about what the user wrote.
     */
    private static LabelMatcher legacyRegex(LabelMatcher m) {
        return new LabelMatcher(m.name(), m.op(), "^(?:" + m.value() + ")$", m.regex());
    }

    /** {@code <prefix>matchers} (list of strings), {@code <prefix>match} and {@code <prefix>match_re} (maps). */
    private static List<LabelMatcher> matchers(Fields f, String at, Map<?, ?> m, String prefix) {
        List<LabelMatcher> out = new ArrayList<>();
        Object ms = m.get(prefix + "matchers");
        if (ms != null) {
            if (!(ms instanceof List<?> l)) {
                f.problem(at + "." + prefix + "matchers", "must be a list like ['severity=\"critical\"']");
            } else {
                for (int i = 0; i < l.size(); i++) {
                    try {
                        out.addAll(Matchers.parseList(String.valueOf(l.get(i))));
                    } catch (IllegalArgumentException e) {
                        f.problem(at + "." + prefix + "matchers[" + i + "]", e.getMessage());
                    }
                }
            }
        }
        for (String kind : List.of("match", "match_re")) {
            Object mm = m.get(prefix + kind);
            if (mm == null) {
                continue;
            }
            if (!(mm instanceof Map<?, ?> map)) {
                f.problem(at + "." + prefix + kind, "must be a map of label names to values");
                continue;
            }
            Map<String, Object> sorted = new LinkedHashMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            sorted.forEach((k, v) -> {
                try {
                    LabelMatcher lm = Matchers.of(k, kind.equals("match") ? LabelMatcher.Op.EQ : LabelMatcher.Op.REGEX, String.valueOf(v));
                    out.add(kind.equals("match_re") && prefix.isEmpty() ? legacyRegex(lm) : lm);
                } catch (IllegalArgumentException e) {
                    f.problem(at + "." + prefix + kind + "." + k, e.getMessage());
                }
            });
        }
        return out;
    }
}

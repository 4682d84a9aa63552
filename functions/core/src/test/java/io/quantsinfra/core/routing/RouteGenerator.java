package io.quantsinfra.core.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random Alertmanager routing configs and label sets from one seed: nested routes, {@code continue}, {@code matchers}
 * with all four operators (quoted and bare values), legacy {@code match}/{@code match_re}, {@code group_by} and
 * routes with and without their own receiver (inheritance). Values are drawn from small pools so that matchers
 * and labels meet often.
 */
final class RouteGenerator {
    static final List<String> NAMES = List.of("severity", "team", "env", "service_name", "alertname", "region");
    private static final List<String> VALUES = List.of("critical", "warning", "info", "db", "ops", "prod", "staging", "dev",
            "freqtrade-1", "eu-west-1", "HighCpu", "");
    private static final List<String> REGEXES = List.of("crit.*", "warning|info", "prod|staging", ".*", ".+", "db|ops",
            "freqtrade-[0-9]+", "eu-.*", "High.*|Low.*", "(?i)CRITICAL", "[a-d].*", "");
    private static final List<String> OPS = List.of("=", "!=", "=~", "!~");
    private final Random random;
    private final int receivers;

    RouteGenerator(long seed) {
        this.random = new Random(seed);
        this.receivers = 2 + random.nextInt(4);
    }

    Map<String, Object> config() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("receiver", receiver());
        maybeGroupBy(root);
        List<Object> routes = routes(1);
        if (!routes.isEmpty()) {
            root.put("routes", routes);
        }
        List<Object> rs = new ArrayList<>();
        for (int i = 0; i < receivers; i++) {
            rs.add(Map.of("name", "r" + i));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("route", root);
        doc.put("receivers", rs);
        return doc;
    }

    /** Label arguments as amtool takes them; some values quoted, some with spaces. */
    List<String> labels() {
        List<String> out = new ArrayList<>();
        for (String n : NAMES) {
            if (random.nextInt(3) > 0) {
                String v = random.nextInt(8) == 0 ? "x" + random.nextInt(3) : pick(VALUES);
                out.add(random.nextInt(4) == 0 ? n + "=\"" + v + (random.nextInt(3) == 0 ? " 2" : "") + "\"" : n + "=" + v);
            }
        }
        return out;
    }

    private List<Object> routes(int depth) {
        List<Object> out = new ArrayList<>();
        int n = depth > 3 ? 0 : random.nextInt(depth == 1 ? 5 : 4);
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            if (random.nextInt(3) > 0) {
                r.put("receiver", receiver());
            }
            matchers(r);
            if (random.nextInt(3) == 0) {
                r.put("continue", true);
            }
            maybeGroupBy(r);
            List<Object> children = routes(depth + 1);
            if (!children.isEmpty()) {
                r.put("routes", children);
            }
            out.add(r);
        }
        return out;
    }

    private void matchers(Map<String, Object> r) {
        int style = random.nextInt(6);
        if (style <= 2) {
            List<String> ms = new ArrayList<>();
            for (int i = random.nextInt(3); i >= 0; i--) {
                ms.add(matcher());
            }
            if (style == 2 && ms.size() > 1) {
                ms = List.of("{" + String.join(", ", ms) + "}");
            }
            r.put("matchers", ms);
        }
        if (style == 3 || style == 5) {
            r.put("match", Map.of(pick(NAMES), pick(VALUES.subList(0, VALUES.size() - 1))));
        }
        if (style == 4 || style == 5) {
            r.put("match_re", Map.of(pick(NAMES), pick(REGEXES.subList(0, REGEXES.size() - 1))));
        }
    }

    private String matcher() {
        String op = pick(OPS);
        String v = op.contains("~") ? pick(REGEXES) : pick(VALUES);
        boolean quote = random.nextBoolean() || v.isEmpty() || v.contains("|") || v.contains("(");
        return pick(NAMES) + op + (quote ? "\"" + v + "\"" : v);
    }

    private void maybeGroupBy(Map<String, Object> r) {
        switch (random.nextInt(5)) {
            case 0 -> r.put("group_by", List.of("alertname", pick(List.of("severity", "team", "env", "service_name", "region"))));
            case 1 -> r.put("group_by", List.of("..."));
            default -> { }
        }
    }

    private String receiver() {
        return "r" + random.nextInt(receivers);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}

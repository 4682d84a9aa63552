package io.quantsinfra.core.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every rule of the public rule packs under {@code src/test/resources/rulepacks} through core's validation, one
 * rule at a time: prints how many are accepted (and by which source: CloudWatch or the monitor's Prometheus) and
 * the refusals grouped by reason, and fails when acceptance drops below {@link #FLOOR_PERCENT}. The two files are
 * snapshots of the same collection at different commits; an expression in both is counted once.
 */
class RulePackAcceptanceTest {
    /** The figure reached; raise it when support grows, never lower it. */
    static final double FLOOR_PERCENT = 100.0;
    static final List<String> PACKS = List.of("/rulepacks/awesome-prometheus-alerts.yml",
            "/rulepacks/awesome-prometheus-alerts-collection.yml");

    @Test
    @SuppressWarnings("unchecked")
    void rulePacks_areAcceptedAtLeastAsOftenAsBefore() throws Exception {
        Map<String, Map<String, Object>> byExpr = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        int entries = 0;
        for (String pack : PACKS) {
            Map<String, Object> doc;
            try (InputStream in = getClass().getResourceAsStream(pack)) {
                doc = new Yaml().load(in);
            }
            for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    entries++;
                    String expr = String.valueOf(rule.get("expr")).strip();
                    if (byExpr.putIfAbsent(expr, rule) == null) {
                        where.put(expr, group.get("name") + " " + rule.get("alert"));
                    }
                }
            }
        }
        int total = byExpr.size();
        int accepted = 0;
        int byPrometheus = 0;
        Map<String, List<String>> refused = new TreeMap<>();
        Map<String, Integer> prometheusWhy = new TreeMap<>();
        for (Map.Entry<String, Map<String, Object>> e : byExpr.entrySet()) {
            try {
                AlertRule r = RuleFiles.parse("pack", Map.of("groups", List.of(Map.of("name", "g", "rules",
                        List.of(e.getValue()))))).getFirst().rules().getFirst();
                accepted++;
                if (r.byPrometheus()) {
                    byPrometheus++;
                    prometheusWhy.merge(kind(r.prometheus()), 1, Integer::sum);
                }
            } catch (InvalidInputException x) {
                refused.computeIfAbsent(reason(x.getMessage()), k -> new ArrayList<>()).add(where.get(e.getKey()));
            }
        }
        double percent = 100.0 * accepted / total;
        System.out.printf("rule packs: %d rules, %d accepted (%.1f %%), %d refused%n", total, accepted, percent, total - accepted);
        System.out.printf("  (%d rule entries in %d files, an expression in both counted once; %d accepted over CloudWatch, "
                + "%d evaluated by the monitor's Prometheus)%n", entries, PACKS.size(), accepted - byPrometheus, byPrometheus);
        prometheusWhy.forEach((why, n) -> System.out.println("  by Prometheus: " + n + " × " + why));
        refused.forEach((why, rules) -> System.out.println("  refused: " + rules.size() + " × " + why + "\n      " + rules));
        assertTrue(percent >= FLOOR_PERCENT, "acceptance " + percent + " % fell below " + FLOOR_PERCENT + " %");
        assertEquals(total - accepted, refused.values().stream().mapToInt(List::size).sum());
    }

    /** The first thing only Prometheus evaluates, without the range or name it names. */
    private static String kind(String why) {
        String first = why.split(", ")[0];
        return first.replaceAll("\\[[^]]*]", "[…]").replaceAll("it reads [a-zA-Z0-9_:]*_bucket", "it reads …_bucket");
    }

    private static String reason(String message) {
        String m = message.replaceAll("(?s).*?expr: (expr: )?", "");
        m = m.replaceAll(" \\(at character \\d+\\)", "");
        m = m.replaceAll("'[a-z_:0-9]+' is made", "'<metric>' is made");
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }
}

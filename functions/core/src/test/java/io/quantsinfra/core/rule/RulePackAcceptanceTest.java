package io.quantsinfra.core.rule;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every rule of the public rule packs under {@code src/test/resources/rulepacks} through core's validation, one
 * rule at a time: prints how many are accepted and the refusals grouped by reason, and fails when acceptance
 * drops below {@link #FLOOR_PERCENT}.
 */
class RulePackAcceptanceTest {
    /** The figure reached; raise it when support grows, never lower it. */
    static final double FLOOR_PERCENT = 91.6;

    @Test
    @SuppressWarnings("unchecked")
    void rulePacks_areAcceptedAtLeastAsOftenAsBefore() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = getClass().getResourceAsStream("/rulepacks/awesome-prometheus-alerts.yml")) {
            doc = new Yaml().load(in);
        }
        int total = 0;
        int accepted = 0;
        Map<String, List<String>> refused = new TreeMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                total++;
                try {
                    RuleFiles.parse("pack", Map.of("groups", List.of(Map.of("name", "g", "rules", List.of(rule)))));
                    accepted++;
                } catch (InvalidInputException e) {
                    refused.computeIfAbsent(reason(e.getMessage()), k -> new ArrayList<>()).add(group.get("name") + " "
                            + rule.get("alert"));
                }
            }
        }
        double percent = 100.0 * accepted / total;
        System.out.printf("rule packs: %d rules, %d accepted (%.1f %%), %d refused%n", total, accepted, percent, total - accepted);
        refused.forEach((why, rules) -> System.out.println("  " + rules.size() + " × " + why + "\n      " + rules));
        assertTrue(percent >= FLOOR_PERCENT, "acceptance " + percent + " % fell below " + FLOOR_PERCENT + " %");
    }

    private static String reason(String message) {
        String m = message.replaceAll("(?s).*?expr: (expr: )?", "");
        m = m.replaceAll(" \\(at character \\d+\\)", "");
        m = m.replaceAll("'[a-z_:0-9]+' is made", "'<metric>' is made");
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }
}

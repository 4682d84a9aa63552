package io.quantsinfra.core.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.inmemory.InMemoryRuleStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rule files past a limit are refused whole with the limit named, together with their other problems; nothing is stored. */
class RuleFileLimitsTest {

    static Map<String, Object> rule(String alert, String expr) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("alert", alert);
        r.put("expr", expr);
        return r;
    }

    static Map<String, Object> file(int groups, int rulesPerGroup, String annotation) {
        List<Object> gs = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<Object> rs = new ArrayList<>();
            for (int r = 0; r < rulesPerGroup; r++) {
                Map<String, Object> rule = rule("A" + r, "m > 1");
                if (annotation != null) {
                    rule.put("annotations", Map.of("summary", annotation));
                }
                rs.add(rule);
            }
            gs.add(new LinkedHashMap<>(Map.of("name", "g" + g, "rules", rs)));
        }
        return new LinkedHashMap<>(Map.of("groups", gs));
    }

    static Stream<Arguments> refused() {
        Map<String, Object> nested = new LinkedHashMap<>();
        Object deep = "x";
        for (int i = 0; i < 40; i++) {
            deep = List.of(deep);
        }
        nested.put("groups", List.of(Map.of("name", "g", "rules", List.of(Map.of("alert", "A", "expr", "m > 1",
                "labels", Map.of("team", deep))))));
        return Stream.of(
                Arguments.of("too many groups", file(RuleFiles.MAX_GROUPS + 1, 1, null), "groups",
                        "the limit is 100 groups per rule file"),
                Arguments.of("too many rules", file(11, 100, null), "groups[10].rules[0]",
                        "the limit is 1000 rules per rule file"),
                Arguments.of("over the document size", file(2, 100, "s".repeat(2_000)), "document",
                        "bytes as stored; the limit is 393,216 bytes"),
                Arguments.of("nested past the document depth", nested, "document", "the limit is 24 levels"),
                Arguments.of("expression over the length", Map.<String, Object>of("groups", List.of(Map.of("name", "g",
                        "rules", List.of(rule("A", "m > " + "1".repeat(20_000)))))),
                        "groups[0].rules[0].expr", "group 'g', rule 'A': expr: the expression is 20004 characters; the limit is 16384"),
                Arguments.of("expression nested too deep", Map.<String, Object>of("groups", List.of(Map.of("name", "g",
                        "rules", List.of(rule("A", "(".repeat(200) + "m" + ")".repeat(200) + " > 1"))))),
                        "groups[0].rules[0].expr", "group 'g', rule 'A': expr: the expression nests more than 128 levels deep"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refused_withTheLimitNamed_andNothingStored(String name, Map<String, Object> doc, String field, String message) {
        InMemoryRuleStore store = new InMemoryRuleStore();
        RuleService rules = new RuleService(store, Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> rules.apply("big", doc, "tester"));

        assertEquals(field, e.field(), e::getMessage);
        assertTrue(e.getMessage().contains(message), e::getMessage);
        assertEquals(List.of(), store.list());
    }

    @Test
    void atTheLimits_applies() {
        RuleService rules = new RuleService(new InMemoryRuleStore(), Clock.systemUTC());

        assertEquals(RuleFiles.MAX_RULES, rules.apply("many", file(10, 100, null), "tester").rules());
        assertEquals(RuleFiles.MAX_GROUPS, rules.apply("groups", file(RuleFiles.MAX_GROUPS, 1, null), "tester").groups());
    }

    @Test
    @SuppressWarnings("unchecked")
    void sizeProblem_isReportedWithTheFilesOtherProblems() {
        Map<String, Object> doc = file(2, 100, "s".repeat(2_000));
        ((List<Map<String, Object>>) (List<?>) doc.get("groups")).getFirst().put("interval", "15s");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RuleFiles.parse("big", doc));

        assertTrue(e.getMessage().contains("the limit is 393,216 bytes"), e::getMessage);
        assertTrue(e.getMessage().contains("groups[0].interval: group 'g0': interval must be whole minutes"), e::getMessage);
    }
}

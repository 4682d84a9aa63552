package io.quantsinfra.core.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.inmemory.InMemoryRuleStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleServiceTest {
    final InMemoryRuleStore store = new InMemoryRuleStore();
    final RuleService rules = new RuleService(store, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    static Map<String, Object> doc(Number limit, String threshold) {
        return Map.of("groups", List.of(Map.of("name", "g", "limit", limit, "rules", List.of(Map.of("alert", "A",
                "expr", "m > " + threshold)))));
    }

    @Test
    void apply_versionsChanges_andTheSameDocumentAgainStoresNothing() {
        assertEquals(1, rules.apply("f", doc(0, "1"), "a").version());
        RuleService.Applied again = rules.apply("f", doc(0L, "1"), "b");
        assertTrue(again.unchanged(), "an Integer read back as a Long is the same document");
        assertEquals(1, again.version());
        assertEquals(2, rules.apply("f", doc(0, "2"), "c").version());
        assertEquals("c", rules.get("f").updatedBy());
        assertEquals(List.of("A"), rules.list().getFirst().alerts());
    }

    @Test
    void apply_refusesABadFile_andStoresNothing() {
        assertThrows(InvalidInputException.class, () -> rules.apply("f", Map.of("groups", List.of(Map.of("name", "g",
                "rules", List.of(Map.of("alert", "A", "expr", "aws_foo_bar_average == 0"))))), "a"));
        assertEquals(List.of(), store.list());
        assertThrows(InvalidInputException.class, () -> rules.apply("Bad Name", doc(0, "1"), "a"));
        assertThrows(NotFoundException.class, () -> rules.get("nosuch"));
        assertThrows(NotFoundException.class, () -> rules.delete("nosuch"));
    }
}

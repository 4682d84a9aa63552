package io.quantsinfra.core.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.servicemetrics.TradingMetrics;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped trading pack: it loads, every alert has a runbook page, and it reads only series the probe publishes. */
class TradingRulesTest {

    private static List<AlertRule> rules(String file) {
        return RuleFiles.parse(file, RepoFiles.yaml(RepoFiles.root().resolve("docs/rules/" + file + ".yml")))
                .stream().flatMap(g -> g.rules().stream()).toList();
    }

    /** The alert names of a shipped file read as plain YAML (the seed's pack is shipped as written, refusals and all). */
    @SuppressWarnings("unchecked")
    private static List<String> alertNames(String file) {
        Map<String, Object> doc = RepoFiles.yaml(RepoFiles.root().resolve("docs/rules/" + file + ".yml"));
        return ((List<Map<String, Object>>) doc.get("groups")).stream()
                .flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream())
                .map(r -> (String) r.get("alert")).filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void tradingPack_loads_andEveryAlertHasARunbookPage() {
        List<String> alerts = rules("trading-rules").stream().map(AlertRule::alert).toList();

        assertEquals(List.of("FreqtradeDrawdownHigh", "FreqtradeWinRateLow", "FreqtradeConsecutiveLosses",
                "FreqtradeNotProcessing", "FreqtradeNoRecentTrades"), alerts);
        for (String a : alerts) {
            String page = Runbooks.PAGES.get(a);
            assertTrue(page != null, a + " has no runbook");
            assertTrue(Files.isRegularFile(RepoFiles.root().resolve("docs/runbooks/" + page + ".md")), page);
        }
    }

    @Test
    void tradingPack_readsOnlyPublishedTradingSeries() {
        for (AlertRule r : rules("trading-rules")) {
            r.expr().selectors().forEach(s -> assertTrue(TradingMetrics.NAMES.contains(s.metric()), r.alert() + ": " + s.metric()));
        }
    }

    @Test
    void everyRunbookPage_belongsToAShippedAlert() {
        Set<String> shipped = new HashSet<>();
        Stream.of("default-rules", "trading-rules").forEach(f -> rules(f).forEach(r -> shipped.add(r.alert())));
        shipped.addAll(alertNames("seed-004-zigquant"));

        assertEquals(shipped, Runbooks.PAGES.keySet());
    }
}

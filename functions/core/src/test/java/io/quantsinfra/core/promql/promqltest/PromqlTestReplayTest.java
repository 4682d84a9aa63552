package io.quantsinfra.core.promql.promqltest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own promqltest scripts (test resources {@code promqltest/}, Apache-2.0, see NOTICE.md there) replayed
 * over core's evaluator by {@link Runner}. Every eval is counted: agree, not expressible over CloudWatch datapoints at
 * minute resolution (by reason), or disagree; a disagreement fails the test unless it is on {@link #KNOWN} with its
 * reason, and an entry of {@link #KNOWN} that no longer disagrees fails it too (the list stays true).
 */
class PromqlTestReplayTest {
    static final List<String> FILES = List.of("aggregators.test", "collision.test", "comparison.test", "functions.test",
            "literals.test", "nan.test", "offset.test", "operators.test", "selectors.test", "staleness.test",
            "trig_functions.test");

    /** Disagreements that are core's documented choices, by {@code file:line}, with the reason. */
    static final Map<String, String> KNOWN = Map.of(
            "operators.test:209", Known.SCALAR_LEFT_COMPARISON,
            "comparison.test:15", Known.SCALAR_LEFT_COMPARISON);

    /** The reasons of {@link #KNOWN}. */
    static final class Known {
        static final String SCALAR_LEFT_COMPARISON = "the stored script predates Prometheus's change (in 2.42) that keeps "
                + "the vector's value when a scalar is on the left of a comparison: `1000 < sum(...)` gives 2600 there, which "
                + "is what promtool 2.42 prints (checked with `promtool test rules`) and core follows (PromtoolDifferentialTest)";

        private Known() {}
    }

    @Test
    void prometheusScripts_agreeWithCoreWhereExpressible() throws IOException {
        List<Runner.Outcome> all = new ArrayList<>();
        for (String f : FILES) {
            all.addAll(Runner.run(f, resource(f)));
        }
        Map<String, Integer> byReason = new TreeMap<>();
        int agree = 0;
        int shifted = 0;
        int notExpressible = 0;
        List<Runner.Outcome> disagree = new ArrayList<>();
        for (Runner.Outcome o : all) {
            switch (o.kind()) {
                case AGREE -> agree++;
                case AGREE_WITHIN_SHIFT -> {
                    agree++;
                    shifted++;
                }
                case NOT_EXPRESSIBLE -> {
                    notExpressible++;
                    byReason.merge(o.reason(), 1, Integer::sum);
                }
                case DISAGREE -> disagree.add(o);
            }
        }
        long known = disagree.stream().filter(o -> KNOWN.containsKey(o.id())).count();
        System.out.printf("promqltest: %d cases, %d agree, %d not expressible (%s), %d disagree (%d on the known-differences list)%n",
                all.size(), agree, notExpressible, reasons(byReason), disagree.size(), known);
        System.out.printf("  of the agreements, %d within the 1 ms longer window of rate/increase/delta (relative difference < %s)%n",
                shifted, Runner.SHIFT_TOLERANCE);
        all.stream().filter(o -> System.getenv("PROMQLTEST_VERBOSE") != null && o.kind() == Runner.Kind.NOT_EXPRESSIBLE).forEach(o -> System.out.println("  not expressible " + o.id() + " " + o.source() + ": " + o.reason()));
        disagree.forEach(o -> System.out.println("  disagree " + o.id() + " " + o.source() + ": " + o.reason()
                + (KNOWN.containsKey(o.id()) ? " [known: " + KNOWN.get(o.id()) + "]" : "")));
        List<Runner.Outcome> unexplained = disagree.stream().filter(o -> !KNOWN.containsKey(o.id())).toList();
        assertTrue(unexplained.isEmpty(), () -> unexplained.size() + " disagreements not on the known list: " + unexplained);
        List<String> stale = KNOWN.keySet().stream().filter(id -> disagree.stream().noneMatch(o -> o.id().equals(id))).toList();
        assertTrue(stale.isEmpty(), () -> "known differences that no longer disagree (remove them): " + stale);
        assertTrue(agree > notExpressible, "most expressible cases run");
    }

    private static String reasons(Map<String, Integer> byReason) {
        List<String> parts = new ArrayList<>();
        byReason.forEach((r, n) -> parts.add(n + " " + r));
        return String.join("; ", parts);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = PromqlTestReplayTest.class.getResourceAsStream("/promqltest/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource promqltest/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

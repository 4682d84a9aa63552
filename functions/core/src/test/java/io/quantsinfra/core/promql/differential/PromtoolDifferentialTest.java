package io.quantsinfra.core.promql.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.evaluation.Alert;
import io.quantsinfra.core.evaluation.AlertState;
import io.quantsinfra.core.evaluation.RuleEvaluator;
import io.quantsinfra.core.promql.Evaluator;
import io.quantsinfra.core.promql.Expr;
import io.quantsinfra.core.promql.ExpressionException;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.promql.PromQl;
import io.quantsinfra.core.promql.Sample;
import io.quantsinfra.core.promql.SeriesLookup;
import io.quantsinfra.core.rule.AlertRule;
import io.quantsinfra.core.rule.RuleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's evaluator against Prometheus itself ({@code promtool test rules}, Prometheus 2.42): the same generated
 * series, the same expressions and alerting rules, compared value by value (relative tolerance {@link #TOLERANCE}),
 * label set by label set and alert by alert. Bounded and seeded; a few promtool processes for thousands of cases.
 * Fails, never skips, when promtool is missing.
 */
class PromtoolDifferentialTest {
    static final long SEED = 20_260_101L;
    static final double TOLERANCE = 1e-6;
    static final int SETS = 6;
    static final long[] TIMES = {10, 25, 40};

    record Case(int set, String expr, long minute) {}

    @Test
    void expressions_agreeWithPromtool(@TempDir Path dir) throws Exception {
        Promtool.requireInstalled();
        Random r = new Random(SEED);
        List<SeriesSet> sets = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        for (int s = 0; s < SETS; s++) {
            sets.add(SeriesSet.generate(r));
            for (long m : TIMES) {
                for (String e : Cases.TABLE) {
                    cases.add(new Case(s, e, m));
                }
            }
            for (String e : Cases.random(r, 120)) {
                cases.add(new Case(s, e, TIMES[r.nextInt(TIMES.length)]));
            }
        }
        StringBuilder yaml = new StringBuilder("tests:\n");
        List<Case> written = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int s = 0; s < SETS; s++) {
            yaml.append("- interval: 1m\n").append(sets.get(s).inputSeries("  ")).append("  promql_expr_test:\n");
            for (Case c : cases) {
                if (c.set() != s) {
                    continue;
                }
                Expr e;
                try {
                    e = PromQl.parse(c.expr());
                } catch (ExpressionException ex) {
                    refused.add(c.expr() + ": " + ex.getMessage());
                    continue;
                }
                written.add(c);
                yaml.append("  - expr: '").append(Oracle.promql(e).replace("'", "''")).append("'\n")
                        .append("    eval_time: ").append(c.minute()).append("m\n")
                        .append("    exp_samples: [{labels: 'never_produced{case=\"x\"}', value: 0}]\n");
            }
        }
        Path file = dir.resolve("expr-test.yml");
        Files.writeString(file, yaml);
        String out = Promtool.run(file);
        List<Promtool.Result> results = Promtool.exprResults(out);
        assertEquals(written.size(), results.size(), () -> "promtool printed a result per case:\n" + tail(out));
        Map<String, List<String>> disagreements = new TreeMap<>();
        int agree = 0;
        for (int i = 0; i < written.size(); i++) {
            Case c = written.get(i);
            String why = compare(c, sets.get(c.set()).lookup(), results.get(i));
            if (why == null) {
                agree++;
            } else {
                disagreements.computeIfAbsent(category(why), k -> new ArrayList<>()).add(c + ": " + why);
            }
        }
        int total = written.size() + refused.size();
        int disagree = total - agree;
        System.out.printf("promql differential: %d cases, %d agree, %d disagree (explained: %s)%n", total, agree, disagree,
                disagreements.isEmpty() && refused.isEmpty() ? "none" : summary(disagreements, refused));
        disagreements.forEach((k, v) -> v.stream().limit(5).forEach(x -> System.out.println("  " + k + ": " + x)));
        refused.stream().limit(10).forEach(x -> System.out.println("  refused: " + x));
        assertTrue(refused.isEmpty(), "core refused: " + refused);
        List<String> unexplained = new ArrayList<>();
        disagreements.forEach((k, v) -> {
            if (!Explained.CATEGORIES.containsKey(k)) {
                unexplained.addAll(v);
            }
        });
        assertTrue(unexplained.isEmpty(), () -> unexplained.size() + " unexplained disagreements, e.g. "
                + unexplained.subList(0, Math.min(10, unexplained.size())));
    }

    @Test
    void alertingRules_fireWhenPromtoolFires(@TempDir Path dir) throws Exception {
        Promtool.requireInstalled();
        Random r = new Random(SEED + 1);
        List<String> exprs = new ArrayList<>();
        List<String> fors = new ArrayList<>();
        String[] bases = {"a", "rate(c[5m])", "avg_over_time(a[5m])", "sum by (job) (a)", "delta(a[3m])", "a offset 2m",
                "changes(a[5m])", "a * on(job) group_left b", "max_over_time(b[4m])", "a - b"};
        for (int i = 0; i < 30; i++) {
            exprs.add(bases[r.nextInt(bases.length)] + (r.nextBoolean() ? " > " : " < ") + (r.nextInt(12) - 3));
            fors.add(List.of("0m", "1m", "3m", "5m").get(r.nextInt(4)));
        }
        StringBuilder rules = new StringBuilder("groups:\n- name: d\n  interval: 1m\n  rules:\n");
        List<Map<String, Object>> ruleDocs = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            rules.append("  - alert: D").append(i).append("\n    expr: '").append(Oracle.promql(PromQl.parse(exprs.get(i))))
                    .append("'\n    for: ").append(fors.get(i)).append('\n');
            ruleDocs.add(Map.of("alert", "D" + i, "expr", exprs.get(i), "for", fors.get(i)));
        }
        List<AlertRule> parsed = RuleFiles.parse("diff", Map.of("groups", List.of(Map.of("name", "d", "interval", "1m",
                "rules", ruleDocs)))).get(0).rules();
        Files.writeString(dir.resolve("rules.yml"), rules);
        StringBuilder yaml = new StringBuilder("rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n");
        List<SeriesSet> sets = new ArrayList<>();
        long[] times = {6, 12, 20, 28, 35, 40};
        for (int s = 0; s < 4; s++) {
            SeriesSet set = SeriesSet.generate(r);
            sets.add(set);
            yaml.append("- interval: 1m\n").append(set.inputSeries("  ")).append("  alert_rule_test:\n");
            for (long m : times) {
                for (int i = 0; i < exprs.size(); i++) {
                    yaml.append("  - alertname: D").append(i).append("\n    eval_time: ").append(m)
                            .append("m\n    exp_alerts: [{exp_labels: {never: \"x\"}}]\n");
                }
            }
        }
        Path file = dir.resolve("alert-test.yml");
        Files.writeString(file, yaml);
        String out = Promtool.run(file);
        List<Promtool.Result> results = Promtool.alertResults(out);
        assertEquals(sets.size() * times.length * exprs.size(), results.size(), () -> tail(out));
        int k = 0;
        int agree = 0;
        List<String> disagree = new ArrayList<>();
        for (SeriesSet set : sets) {
            Map<Long, List<Set<Labels>>> ours = firing(parsed, set.lookup(), times);
            for (long m : times) {
                for (int i = 0; i < exprs.size(); i++) {
                    Set<Labels> theirs = new HashSet<>();
                    results.get(k++).got().forEach(g -> theirs.add(g.labels()));
                    if (theirs.equals(ours.get(m).get(i))) {
                        agree++;
                    } else {
                        disagree.add("D" + i + " " + exprs.get(i) + " for " + fors.get(i) + " at " + m + "m: core "
                                + ours.get(m).get(i) + ", promtool " + theirs);
                    }
                }
            }
        }
        System.out.printf("promql differential (alerts): %d cases, %d agree, %d disagree%n", results.size(), agree, disagree.size());
        disagree.stream().limit(10).forEach(x -> System.out.println("  " + x));
        assertTrue(disagree.isEmpty(), () -> disagree.subList(0, Math.min(10, disagree.size())).toString());
    }

    /** Each rule stepped minute by minute from 0 through the state machine; the firing label sets at each time asked. */
    private static Map<Long, List<Set<Labels>>> firing(List<AlertRule> rules, SeriesLookup data, long[] times) {
        Map<Long, List<Set<Labels>>> out = new LinkedHashMap<>();
        for (long m : times) {
            out.put(m, new ArrayList<>());
        }
        for (AlertRule rule : rules) {
            List<Alert> previous = List.of();
            for (long minute = 0; minute <= times[times.length - 1]; minute++) {
                RuleEvaluator.Outcome o = RuleEvaluator.evaluate(rule, 0, data, Instant.ofEpochSecond(minute * 60), previous, "http://x");
                previous = o.current();
                if (out.containsKey(minute)) {
                    Set<Labels> firing = new HashSet<>();
                    previous.stream().filter(a -> a.state() == AlertState.FIRING).forEach(a -> firing.add(a.labels()));
                    out.get(minute).add(firing);
                }
            }
        }
        return out;
    }

    /** Null when core and promtool agree, else why not. */
    private static String compare(Case c, SeriesLookup data, Promtool.Result theirs) {
        List<Sample> ours;
        try {
            ours = Evaluator.vector(PromQl.parse(c.expr()), Instant.ofEpochSecond(c.minute() * 60), data);
        } catch (Evaluator.EvaluationException e) {
            return theirs.error() != null ? null : "core errs (" + e.getMessage() + "), promtool gives " + theirs.got();
        }
        if (theirs.error() != null) {
            return "promtool errs (" + theirs.error() + "), core gives " + ours;
        }
        Map<Labels, Double> mine = new TreeMap<>();
        ours.forEach(s -> mine.put(s.labels(), s.value()));
        Map<Labels, Double> got = new TreeMap<>();
        theirs.got().forEach(g -> got.put(g.labels(), g.value()));
        if (!mine.keySet().equals(got.keySet())) {
            return "label sets differ: core " + mine + ", promtool " + got;
        }
        for (Map.Entry<Labels, Double> e : mine.entrySet()) {
            if (!close(e.getValue(), got.get(e.getKey()))) {
                double a = e.getValue();
                double b = got.get(e.getKey());
                boolean edge = c.expr().matches(".*\\b(rate|increase|delta)\\(.*")
                        && Math.abs(a - b) <= 1e-4 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
                return (edge ? Explained.EDGE : "") + "values differ at " + e.getKey() + ": core " + e.getValue() + ", promtool " + got.get(e.getKey());
            }
        }
        return null;
    }

    static boolean close(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return a == b;
        }
        return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    private static String category(String why) {
        for (Map.Entry<String, String> e : Explained.CATEGORIES.entrySet()) {
            if (why.contains(e.getValue())) {
                return e.getKey();
            }
        }
        return why.substring(0, Math.min(20, why.length()));
    }

    private static String summary(Map<String, List<String>> d, List<String> refused) {
        List<String> parts = new ArrayList<>();
        d.forEach((k, v) -> parts.add(v.size() + " " + k));
        if (!refused.isEmpty()) {
            parts.add(refused.size() + " refused by core");
        }
        return String.join(", ", parts);
    }

    private static String tail(String s) {
        return s.length() < 4000 ? s : s.substring(0, 2000) + "\n...\n" + s.substring(s.length() - 2000);
    }

    /** Disagreements with a documented cause (docs/alerting.md, "Differences from Prometheus"), by a marker in the reason. */
    static final class Explained {
        /**
         * The oracle's window starts 1 ms before core's ({@link Oracle}); when a gap leaves the first datapoint away
         * from the window's start, rate/increase/delta extrapolate to a start 1 ms further away: relative ≤ 1e-4.
         */
        static final String EDGE = "[1 ms oracle window edge] ";
        static final Map<String, String> CATEGORIES = new TreeMap<>(Map.of(
                "extrapolation over the oracle's 1 ms-earlier window start", EDGE));

        private Explained() {}
    }
}
